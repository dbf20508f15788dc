package io.tally.reporter;

import io.tally.core.domain.census.BrandCensus;
import io.tally.core.domain.census.CensusResult;

import java.util.Map;

/** Renders the daily report as one self-contained HTML page (inline CSS, bar charts without scripts). */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(CensusResult census) {
        StringBuilder html = new StringBuilder(4096).append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Tally daily report %s</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433;max-width:60rem}
                h1{font-size:1.5rem} h2{margin-top:2rem;border-bottom:1px solid #dde}
                .kpis{display:flex;gap:1rem} .kpi{background:#f3f5fb;border-radius:8px;padding:.8rem 1.2rem}
                .kpi b{display:block;font-size:1.6rem} table{border-collapse:collapse;margin-top:1rem}
                td{padding:.25rem .6rem} .bar{background:#4f6bed;height:.9rem;border-radius:3px}
                footer{margin-top:2rem;color:#778;font-size:.85rem}
                </style></head><body>
                <h1>Tally daily report — %s</h1>
                """.formatted(census.date(), census.date()));
        if (census.byBrand().isEmpty()) {
            html.append("<p>No consumers yet.</p>");
        }
        census.byBrand().forEach((brand, figures) -> brandSection(html, brand, figures));
        html.append("<footer>Census as of ").append(census.asOf()).append(", gathered from ")
                .append(census.segments()).append(" parallel scan segments.</footer></body></html>\n");
        return html.toString();
    }

    private static void brandSection(StringBuilder html, String brand, BrandCensus figures) {
        html.append("<h2>Brand ").append(escape(brand)).append("</h2><div class=\"kpis\">")
                .append(kpi("consumers", figures.consumers()))
                .append(kpi("active, last 30 days", figures.active30Days()))
                .append(kpi("annual active buyers (AAC)", figures.annualActive()))
                .append(kpi("events", figures.events())).append("</div><table>");
        long max = figures.consumersByChannel().values().stream().mapToLong(Long::longValue).max().orElse(1);
        for (Map.Entry<String, Long> channel : figures.consumersByChannel().entrySet()) {
            long width = Math.max(1, channel.getValue() * 300 / Math.max(1, max));
            html.append("<tr><td>").append(escape(channel.getKey())).append("</td><td>").append(channel.getValue())
                    .append("</td><td><div class=\"bar\" style=\"width:").append(width).append("px\"></div></td></tr>");
        }
        html.append("</table>");
        figures.stages().forEach((model, counts) -> {
            html.append("<h3>").append(escape(model)).append(" stages</h3><table>");
            counts.forEach((stage, count) -> html.append("<tr><td>").append(escape(stage)).append("</td><td>")
                    .append(count).append("</td></tr>"));
            html.append("</table>");
        });
    }

    private static String kpi(String label, long value) {
        return "<div class=\"kpi\"><b>" + value + "</b>" + label + "</div>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
