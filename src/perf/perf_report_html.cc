// The self-contained HTML page: inline CSS and SVG charts, no network. A small script
// records JavaScript errors into the page (data-js-errors) so a headless browser can check it.
#include <algorithm>

#include <fmt/format.h>

#include "perf/perf_report.h"

namespace trtdoctor::perf {
namespace {

std::string esc(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string shorten(const std::string& s, std::size_t n) { return s.size() <= n ? s : s.substr(0, n - 1) + "\u2026"; }

struct Bar {
    std::string label;
    double value;
    std::string note;
};

/// Horizontal bar chart.
std::string bar_chart(const std::string& id, const std::string& title, const std::vector<Bar>& bars,
                      const std::string& unit) {
    const int row = 22, label_w = 330, chart_w = 380, h = static_cast<int>(bars.size()) * row + 30;
    double max = 0;
    for (const auto& b : bars) max = std::max(max, b.value);
    std::string s = fmt::format("<h2>{}</h2>\n<svg id=\"{}\" class=\"chart\" role=\"img\" width=\"{}\" height=\"{}\" "
                                "xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>\n",
                                esc(title), id, label_w + chart_w + 200, h, esc(title));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        int y = static_cast<int>(i) * row + 10;
        double w = max > 0 ? b.value / max * chart_w : 0;
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{}</text>", label_w - 6, y + 14,
                         esc(shorten(b.label, 48)));
        s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"bar\"><title>{}: {:.5g} {}</title></rect>",
                         label_w, y + 2, std::max(w, 1.0), row - 6, esc(b.label), b.value, unit);
        s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"val\">{:.4g} {}{}</text>\n", label_w + w + 6, y + 14, b.value,
                         unit, esc(b.note));
    }
    return s + "</svg>\n";
}

/// Grouped bars: base vs new per metric.
std::string pair_chart(const std::string& id, const std::string& title,
                       const std::vector<std::tuple<std::string, double, double>>& rows) {
    const int group = 46, label_w = 120, chart_w = 460, h = static_cast<int>(rows.size()) * group + 40;
    double max = 0;
    for (const auto& [_, a, b] : rows) max = std::max({max, a, b});
    std::string s = fmt::format("<h2>{}</h2>\n<svg id=\"{}\" class=\"chart\" role=\"img\" width=\"{}\" height=\"{}\" "
                                "xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>\n",
                                esc(title), id, label_w + chart_w + 140, h, esc(title));
    s += "<rect x=\"130\" y=\"4\" width=\"12\" height=\"12\" class=\"base\"/><text x=\"146\" y=\"15\" class=\"lbl\">base</text>"
         "<rect x=\"200\" y=\"4\" width=\"12\" height=\"12\" class=\"new\"/><text x=\"216\" y=\"15\" class=\"lbl\">new</text>\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& [label, a, b] = rows[i];
        int y = static_cast<int>(i) * group + 26;
        double wa = max > 0 ? a / max * chart_w : 0, wb = max > 0 ? b / max * chart_w : 0;
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{}</text>", label_w - 6, y + 20, esc(label));
        s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" class=\"base\"/>", label_w, y, std::max(wa, 1.0));
        s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"val\">{:.4g} ms</text>", label_w + wa + 6, y + 13, a);
        s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"16\" class=\"new\"/>", label_w, y + 18, std::max(wb, 1.0));
        s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"val\">{:.4g} ms ({:+.1f}%)</text>\n", label_w + wb + 6, y + 31, b,
                         a > 0 ? (b / a - 1) * 100 : 0.0);
    }
    return s + "</svg>\n";
}

/// Step chart of GPU and CPU memory over the [MemUsageChange] events.
std::string memory_chart(const std::string& id, const std::string& title, const std::vector<const MemoryFacts*>& runs,
                         const std::vector<std::string>& names) {
    const int w = 760, h = 240, left = 60, bottom = 30;
    std::size_t n = 0;
    double max = 1;
    for (const auto* m : runs) {
        n = std::max(n, m->timeline.size());
        for (const auto& e : m->timeline) max = std::max({max, static_cast<double>(e.gpu_now_mib), static_cast<double>(e.cpu_now_mib)});
    }
    std::string s = fmt::format("<h2>{}</h2>\n<svg id=\"{}\" class=\"chart\" role=\"img\" width=\"{}\" height=\"{}\" "
                                "xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>\n",
                                esc(title), id, w, h, esc(title));
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>", left, h - bottom, w - 10, h - bottom);
    s += fmt::format("<line x1=\"{}\" y1=\"10\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>", left, left, h - bottom);
    s += fmt::format("<text x=\"4\" y=\"16\" class=\"lbl\">{:.0f} MiB</text><text x=\"4\" y=\"{}\" class=\"lbl\">0</text>\n", max,
                     h - bottom);
    const char* classes[] = {"gpu", "gpu2"};
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const auto& tl = runs[r]->timeline;
        if (tl.empty()) continue;
        std::string gpu_pts, cpu_pts;
        for (std::size_t i = 0; i < tl.size(); ++i) {
            double x = left + (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.5) * (w - left - 20);
            double yg = (h - bottom) - static_cast<double>(tl[i].gpu_now_mib) / max * (h - bottom - 20);
            double yc = (h - bottom) - static_cast<double>(tl[i].cpu_now_mib) / max * (h - bottom - 20);
            gpu_pts += fmt::format("{:.1f},{:.1f} ", x, yg);
            cpu_pts += fmt::format("{:.1f},{:.1f} ", x, yc);
            s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" class=\"{}\"><title>{}: {} GPU {} MiB, CPU {} MiB</title></circle>",
                             x, yg, classes[r % 2], esc(names[r]), esc(tl[i].what), tl[i].gpu_now_mib, tl[i].cpu_now_mib);
        }
        s += fmt::format("<polyline points=\"{}\" class=\"line {}\"/><polyline points=\"{}\" class=\"line cpu\"/>\n", gpu_pts,
                         classes[r % 2], cpu_pts);
        s += fmt::format("<text x=\"{}\" y=\"{}\" class=\"lbl\">{}: GPU (solid), CPU (dashed)</text>\n",
                         left + 10 + static_cast<int>(r) * 260, h - 6, esc(names[r]));
    }
    return s + "</svg>\n";
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + esc(title) +
           "</title>\n<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}"
           "h1{font-size:20px}h2{font-size:16px;margin-top:24px}table{border-collapse:collapse}"
           "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td.l,th.l{text-align:left}"
           ".lbl{font-size:11px;fill:#333}.val{font-size:11px;fill:#555}.bar{fill:#4a7bd0}.base{fill:#9aa5b1}"
           ".new{fill:#d0604a}.axis{stroke:#888}.line{fill:none;stroke-width:2}.gpu{stroke:#4a7bd0;fill:#4a7bd0}"
           ".gpu2{stroke:#d0604a;fill:#d0604a}.cpu{stroke:#aaa;stroke-dasharray:4 3}"
           ".error{color:#b00020}.warning{color:#b36b00}.info{color:#555}pre{white-space:pre-wrap}</style>\n"
           "<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message));"
           "document.documentElement.setAttribute('data-js-errors',String(window.__errors.length));});"
           "document.addEventListener('DOMContentLoaded',function(){var n=document.querySelectorAll('svg.chart').length;"
           "document.documentElement.setAttribute('data-charts',String(n));"
           "if(!document.documentElement.hasAttribute('data-js-errors'))"
           "document.documentElement.setAttribute('data-js-errors','0');});</script>\n"
           "</head><body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
}

std::string findings_html(const std::vector<Finding>& findings) {
    std::string s = "<h2>Findings</h2>\n";
    if (findings.empty()) return s + "<p>No findings.</p>\n";
    s += "<ul>\n";
    for (const auto& f : findings) {
        s += fmt::format("<li class=\"{}\"><b>{}</b> [{} {}]<br>", to_string(f.severity), esc(f.summary), f.code, f.name);
        for (const auto& e : f.evidence) s += "<code>" + esc(e.what) + "</code><br>";
        s += "fix: " + esc(f.fix) + "</li>\n";
    }
    return s + "</ul>\n";
}

std::vector<Bar> top_bars(const RunAnalysis& a, std::size_t top_n) {
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < a.layers.size() && i < top_n; ++i) {
        bars.push_back({a.layers[i].name, a.layers[i].avg_ms, fmt::format(" ({:.1f}%)", a.layers[i].share * 100)});
    }
    return bars;
}

std::vector<Bar> type_bars(const RunAnalysis& a) {
    std::vector<Bar> bars;
    for (const auto& t : a.by_type) bars.push_back({t.type, t.avg_ms, fmt::format(" ({:.1f}%, {} layers)", t.share * 100, t.count)});
    return bars;
}

}  // namespace

std::string run_html(const RunData& run, const RunAnalysis& a, std::size_t top_n) {
    std::string body = "<p>Files: " + esc(run.label) + "</p>\n";
    const auto& c = run.conditions;
    body += "<p>TensorRT " + esc(c.trt_version.empty() ? "?" : c.trt_version) + " &middot; " + esc(c.gpu.empty() ? "GPU ?" : c.gpu) +
            " &middot; precision " + esc(c.precision.empty() ? "?" : c.precision) + "</p>\n";
    if (run.summary) {
        const auto& s = *run.summary;
        std::vector<std::tuple<std::string, double, double>> unused;
        std::vector<Bar> pct;
        auto add = [&](const char* n, const std::optional<double>& v) { if (v) pct.push_back({n, *v, ""}); };
        add("min", s.gpu_compute.min); add("median", s.gpu_compute.median); add("mean", s.gpu_compute.mean);
        add("p90", s.gpu_compute.p90); add("p95", s.gpu_compute.p95); add("p99", s.gpu_compute.p99); add("max", s.gpu_compute.max);
        if (!pct.empty()) body += bar_chart("percentiles", "GPU compute time percentiles (" + s.source + ")", pct, "ms");
    }
    if (!a.layers.empty()) {
        body += bar_chart("top-layers", fmt::format("Top {} layers", std::min(top_n, a.layers.size())), top_bars(a, top_n), "ms");
        body += bar_chart("layer-types", "Time by layer type", type_bars(a), "ms");
    }
    if (!run.memory.timeline.empty()) body += memory_chart("memory", "Memory timeline ([MemUsageChange])", {&run.memory}, {"run"});
    body += findings_html(a.findings);
    return page("trtdoctor perf: " + run.label, body);
}

std::string compare_html(const RunData& base, const RunData& now, const RunAnalysis& ba, const RunAnalysis& na,
                         const Comparison& c, std::size_t top_n) {
    std::string body = "<p>Base: " + esc(base.label) + "<br>New: " + esc(now.label) + "</p>\n";
    if (!c.condition_differences.empty()) {
        body += std::string("<h2>Conditions differ") + (c.refused ? ": not compared" : "") + "</h2>\n<table><tr><th class=l>what</th><th class=l>base</th><th class=l>new</th></tr>\n";
        for (const auto& d : c.condition_differences) {
            body += "<tr><td class=l>" + esc(d.what) + "</td><td class=l>" + esc(d.base) + "</td><td class=l>" + esc(d.now) + "</td></tr>\n";
        }
        body += "</table>\n";
    }
    if (base.summary && now.summary) {
        std::vector<std::tuple<std::string, double, double>> rows;
        const auto &a = base.summary->gpu_compute, &b = now.summary->gpu_compute;
        auto add = [&](const char* n, const std::optional<double>& x, const std::optional<double>& y) {
            if (x && y) rows.emplace_back(n, *x, *y);
        };
        add("min", a.min, b.min); add("median", a.median, b.median); add("mean", a.mean, b.mean);
        add("p90", a.p90, b.p90); add("p95", a.p95, b.p95); add("p99", a.p99, b.p99);
        if (!rows.empty()) body += pair_chart("percentiles", "GPU compute time: base vs new", rows);
    }
    if (!c.metrics.empty()) {
        body += "<h2>Metrics</h2>\n<table><tr><th class=l>metric</th><th>base</th><th>new</th><th>change</th></tr>\n";
        for (const auto& m : c.metrics) {
            body += fmt::format("<tr><td class=l>{}</td><td>{:.5g}</td><td>{:.5g}</td><td>{:+.1f}%</td></tr>\n", esc(m.metric), m.base,
                                m.now, m.change * 100);
        }
        body += "</table>\n";
    }
    std::vector<Bar> deltas;
    for (const auto& l : c.layers) {
        if (l.status == LayerStatus::same || l.delta_ms <= 0) continue;
        if (deltas.size() >= top_n) break;
        deltas.push_back({l.name, l.delta_ms, std::string(" (") + std::string(to_string(l.status)) + ")"});
    }
    if (!deltas.empty()) body += bar_chart("layer-growth", "Layers that grew (ms per inference)", deltas, "ms");
    if (!na.layers.empty()) body += bar_chart("top-layers", "Top layers of the new run", top_bars(na, top_n), "ms");
    if (!na.by_type.empty()) body += bar_chart("layer-types", "Time by layer type (new run)", type_bars(na), "ms");
    (void)ba;
    if (!base.memory.timeline.empty() || !now.memory.timeline.empty()) {
        body += memory_chart("memory", "Memory timeline ([MemUsageChange])", {&base.memory, &now.memory}, {"base", "new"});
    }
    body += findings_html(c.findings);
    return page("trtdoctor perf compare", body);
}

}  // namespace trtdoctor::perf
