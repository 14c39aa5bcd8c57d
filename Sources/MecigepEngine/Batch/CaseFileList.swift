import Foundation

/// The paths of a batch's case files, sorted as `[String].sorted()` sorts them, kept compact: a
/// path is its folder's prefix (kept once per folder) and its name's UTF-8 bytes (in one buffer),
/// about 16 bytes a path beside its name where an array of strings took ~90 (a string's allocation
/// and its slot), so that a folder of 100,000 cases does not make a batch's memory grow by 10 MB
/// before its first case. A path is made again as a `String` when it is read.
public struct CaseFileList: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    /// Every name's bytes, in the order they were added.
    private var bytes: [UInt8] = []
    /// Name `i` of those added is `bytes[bounds[i] >> 1 ..< bounds[i + 1] >> 1]`; bit 0 of
    /// `bounds[i + 1]` is set when it is not all ASCII.
    private var bounds: [Int] = [0]
    /// Name `i`'s folder: an index in `prefixes`.
    private var folders: [UInt32] = []
    /// The folders' prefixes (each ends with "/"; the first, "", is for paths added whole), and
    /// whether each is all ASCII.
    private var prefixes: [(bytes: [UInt8], ascii: Bool)] = [([], true)]
    /// The sorted list: its `i`th path is the `order[i]`th added.
    private var order: [UInt32] = []

    /// An empty list.
    public init() {}

    /// `paths`, sorted.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
        sort()
    }

    public init(arrayLiteral paths: String...) { self.init(paths) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> String { self[entry: Int(order[position])] }

    /// A folder whose files are added by name: `prefix` (ending with "/") and a name make a path.
    mutating func addFolder(prefix: String) -> Int {
        prefixes.append((Array(prefix.utf8), prefix.utf8.allSatisfy { $0 < 0x80 }))
        return prefixes.count - 1
    }

    /// Adds a path whole (at the end, until `sort()`).
    mutating func append(_ path: String) { append(name: path, folder: 0) }

    /// Adds the path made of folder `folder`'s prefix and `name` (at the end, until `sort()`).
    mutating func append(name: String, folder: Int) {
        var name = name
        let ascii = name.withUTF8 { utf8 in
            bytes.append(contentsOf: utf8)
            return utf8.allSatisfy { $0 < 0x80 }
        }
        bounds.append(bytes.count << 1 | (ascii ? 0 : 1))
        folders.append(UInt32(folder))
        order.append(UInt32(truncatingIfNeeded: order.count))
    }

    /// Sorts the paths added as `[String].sort()` would (the same stable sort, so equal paths keep
    /// their order): bytes compared where both are ASCII (what `String`'s `<` does for them), as
    /// strings otherwise (canonically equivalent spellings compare equal).
    mutating func sort() {
        var order = self.order
        bytes.withUnsafeBufferPointer { names in
            order.sort { a, b in
                let (a, b) = (Int(a), Int(b))
                let (startA, endA, asciiA) = span(a), (startB, endB, asciiB) = span(b)
                let nameA = UnsafeBufferPointer(rebasing: names[startA..<endA])
                let nameB = UnsafeBufferPointer(rebasing: names[startB..<endB])
                let folderA = Int(folders[a]), folderB = Int(folders[b])
                guard asciiA && asciiB && prefixes[folderA].ascii && prefixes[folderB].ascii else {
                    return self[entry: a] < self[entry: b]
                }
                let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                if folderA == folderB { return Joined(none, nameA).precedes(Joined(none, nameB)) }
                return prefixes[folderA].bytes.withUnsafeBufferPointer { prefixA in
                    prefixes[folderB].bytes.withUnsafeBufferPointer { prefixB in
                        Joined(prefixA, nameA).precedes(Joined(prefixB, nameB))
                    }
                }
            }
        }
        self.order = order
    }

    /// Path `entry` (of those added, in their order): its folder's prefix and its name.
    private subscript(entry entry: Int) -> String {
        let prefix = prefixes[Int(folders[entry])].bytes
        let (start, end, _) = span(entry)
        return String(unsafeUninitializedCapacity: prefix.count + end - start) { buffer in
            let afterPrefix = buffer.initialize(fromContentsOf: prefix)
            return buffer[afterPrefix...].initialize(fromContentsOf: bytes[start..<end])
        }
    }

    /// Where name `i` (of those added) lies in `bytes`, and whether it is all ASCII.
    private func span(_ i: Int) -> (Int, Int, Bool) { (bounds[i] >> 1, bounds[i + 1] >> 1, bounds[i + 1] & 1 == 0) }
}

/// Two runs of bytes read as one (a folder's prefix and a name), compared without joining them.
private struct Joined {
    let first, second: UnsafeBufferPointer<UInt8>

    init(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) { (self.first, self.second) = (first, second) }

    var count: Int { first.count + second.count }

    /// The bytes from `offset` to the end of the run it falls in (`offset < count`).
    func run(from offset: Int) -> UnsafeBufferPointer<UInt8> {
        offset < first.count ? UnsafeBufferPointer(rebasing: first[offset...]) : UnsafeBufferPointer(rebasing: second[(offset - first.count)...])
    }

    /// Whether these bytes come before `other`'s, byte by byte (the shorter first when one starts the other).
    func precedes(_ other: Joined) -> Bool {
        var offset = 0
        while offset < count && offset < other.count {
            let mine = run(from: offset), theirs = other.run(from: offset)
            let length = Swift.min(mine.count, theirs.count)
            let compared = memcmp(mine.baseAddress!, theirs.baseAddress!, length)
            if compared != 0 { return compared < 0 }
            offset += length
        }
        return count < other.count
    }
}
