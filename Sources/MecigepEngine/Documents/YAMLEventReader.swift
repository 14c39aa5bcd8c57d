import CYaml
import LuaRuntime

/// The common YAML document read straight from libyaml's events, without Yams' node tree:
/// mappings, lists and untagged scalars, no anchors or aliases, no tags, one document.
///
/// It gives exactly the value `YAMLDocumentParser`'s composed path gives, or nil: it declines
/// everything outside that common shape and everything that path would refuse (a syntax error,
/// a duplicate or merge key, a limit, a number out of range, a second document), and the
/// composed path then reads the document and words the error. So every message, limit and
/// decision stays in one place; this reader only skips building a tree it would throw away.
/// `YAMLEventReaderTests` hold it to the composed path over generated documents.
enum YAMLEventReader {
    /// The document's value, or nil when the composed path must read it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, limits: DocumentLimits) -> LuaValue? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, bytes.count)
        var builder = Builder(limits: limits)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            let step = builder.take(event)
            yaml_event_delete(&event)
            switch step {
            case .more: continue
            case .decline: return nil
            case .done(let value): return value
            }
        }
    }

    enum Step {
        case more
        case decline
        case done(LuaValue)
    }

    /// Builds the value event by event, counting as `YAMLDocumentParser.Converter` counts.
    struct Builder {
        enum Frame {
            case list([LuaValue])
            case mapping([String: LuaValue], key: String?)
        }

        let limits: DocumentLimits
        var stack: [Frame] = []
        var root: LuaValue?
        var documents = 0
        var values = 0
        var textBytes = 0

        init(limits: DocumentLimits) { self.limits = limits }

        mutating func take(_ event: yaml_event_t) -> Step {
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                return .more
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                return documents == 1 ? .more : .decline  // a second document: the composed path says so
            case YAML_STREAM_END_EVENT:
                return root.map { .done($0) } ?? .decline  // no document: an error, worded there
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                guard s.anchor == nil, s.tag == nil, let pointer = s.value else { return .decline }
                let raw = UnsafeBufferPointer(start: pointer, count: s.length)
                // Yams makes its text with Foundation, which drops a leading byte order mark
                if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { return .decline }
                let text = String(decoding: raw, as: UTF8.self)
                textBytes += raw.count
                guard textBytes <= limits.maxExpandedTextBytes else { return .decline }
                if case .mapping(_, nil) = stack.last {  // a key
                    if s.style == YAML_PLAIN_SCALAR_STYLE, text == "<<" { return .decline }
                    return setKey(text)
                }
                values += 1
                guard values <= limits.maxValues else { return .decline }
                guard s.style == YAML_PLAIN_SCALAR_STYLE else { return add(.string(text)) }
                guard case .value(let value) = YAMLDocumentParser.resolvePlain(text) else { return .decline }
                return add(value)
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                guard s.anchor == nil, s.tag == nil else { return .decline }
                return open(.list([]))
            case YAML_MAPPING_START_EVENT:
                let m = event.data.mapping_start
                guard m.anchor == nil, m.tag == nil else { return .decline }
                return open(.mapping([:], key: nil))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                switch stack.popLast() {
                case .list(let items): return add(.array(items))
                case .mapping(let members, nil): return add(.object(members))
                default: return .decline
                }
            default:  // an alias
                return .decline
            }
        }

        private mutating func open(_ frame: Frame) -> Step {
            if case .mapping(_, nil) = stack.last { return .decline }  // a list or mapping as a key
            values += 1
            guard values <= limits.maxValues, stack.count < limits.maxDepth else { return .decline }
            stack.append(frame)
            return .more
        }

        private mutating func setKey(_ key: String) -> Step {
            guard case .mapping(let members, nil) = stack.popLast() else { return .decline }
            if members[key] != nil { return .decline }  // a duplicate key
            stack.append(.mapping(members, key: key))
            return .more
        }

        private mutating func add(_ value: LuaValue) -> Step {
            switch stack.popLast() {
            case nil:
                guard root == nil else { return .decline }
                root = value
            case .list(var items):
                items.append(value)
                stack.append(.list(items))
            case .mapping(var members, let key?):
                members[key] = value
                stack.append(.mapping(members, key: nil))
            case .mapping(_, nil):
                return .decline
            }
            return .more
        }
    }
}
