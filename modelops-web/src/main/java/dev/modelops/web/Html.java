package dev.modelops.web;

import java.util.Locale;

/**
 * Escaping for the pages we write by hand. Every value that came from a record (names, attributes,
 * URLs from CI) passes through here, so a model or dataset name can never inject markup.
 */
public final class Html {
    private Html() {
    }

    public static String esc(Object value) {
        return dev.modelops.core.report.Html.esc(value);
    }

    /** JSON placed inside a {@code <script type="application/json">}: no way to close the element early. */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** A link only for http(s) URLs (a CI build URL); anything else is shown as text. */
    public static String externalLink(Object url) {
        String s = url == null ? "" : url.toString();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return "<a href=\"" + esc(s) + "\" rel=\"noopener noreferrer\">" + esc(s) + "</a>";
        }
        return esc(s);
    }

    /** A file name safe on every file system, for per-model report pages. */
    public static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
