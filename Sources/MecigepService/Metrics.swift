import Foundation

/// Counters and latency histograms for an operator, in Prometheus' text format at `/metrics`.
actor Metrics {
    struct Key: Hashable { var method: String; var route: String; var status: Int }
    struct Route: Hashable, Comparable {
        var method: String
        var route: String
        static func < (a: Route, b: Route) -> Bool { (a.method, a.route) < (b.method, b.route) }
    }
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    private var requests: [Key: Int] = [:]
    private var histograms: [Route: (counts: [Int], sum: Double, count: Int)] = [:]
    private var assessments: [String: Int] = [:]

    func observe(method: String, route: String, status: Int, seconds: Double) {
        requests[Key(method: method, route: route, status: status), default: 0] += 1
        let label = Route(method: method, route: route)
        var h = histograms[label] ?? (Array(repeating: 0, count: Self.buckets.count), 0, 0)
        for (i, bound) in Self.buckets.enumerated() where seconds <= bound { h.counts[i] += 1 }
        h.sum += seconds
        h.count += 1
        histograms[label] = h
    }

    func assessment(status: String) { assessments[status, default: 0] += 1 }

    /// The metrics, with the worker pool's count of failed workers.
    func text(workerFailures: Int) -> String {
        var out = "# HELP mecigep_http_requests_total HTTP requests by route and status.\n# TYPE mecigep_http_requests_total counter\n"
        for (key, n) in requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            out += "mecigep_http_requests_total{method=\"\(key.method)\",route=\"\(key.route)\",status=\"\(key.status)\"} \(n)\n"
        }
        out += "# HELP mecigep_http_request_duration_seconds Time to answer, by route.\n"
        out += "# TYPE mecigep_http_request_duration_seconds histogram\n"
        for (label, h) in histograms.sorted(by: { $0.key < $1.key }) {
            let labels = "method=\"\(label.method)\",route=\"\(label.route)\""
            for (i, bound) in Self.buckets.enumerated() {
                out += "mecigep_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(h.counts[i])\n"
            }
            out += "mecigep_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(h.count)\n"
            out += "mecigep_http_request_duration_seconds_sum{\(labels)} \(String(format: "%.6f", h.sum))\n"
            out += "mecigep_http_request_duration_seconds_count{\(labels)} \(h.count)\n"
        }
        out += "# HELP mecigep_assessments_total Assessments run, by outcome.\n# TYPE mecigep_assessments_total counter\n"
        for status in ["done", "failed"] { out += "mecigep_assessments_total{status=\"\(status)\"} \(assessments[status] ?? 0)\n" }
        out += "# HELP mecigep_worker_failures_total Worker processes that crashed or ran past a limit.\n"
        out += "# TYPE mecigep_worker_failures_total counter\nmecigep_worker_failures_total \(workerFailures)\n"
        return out
    }
}
