package io.github.ipc4j.bench;

import java.util.ArrayList;
import java.util.List;

/** A report table, rendered as Markdown and as HTML; a cell may carry a target verdict. */
final class Table {
    /** A cell's text, and whether a target was missed (true: red), met (false) or does not apply (null). */
    record Cell(String text, Boolean missed) {
        static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    final String title;
    final String intro;
    final List<String> header;
    final List<List<Cell>> rows = new ArrayList<>();

    Table(String title, String intro, List<String> header) {
        this.title = title;
        this.intro = intro;
        this.header = header;
    }

    void add(List<Cell> row) {
        rows.add(row);
    }

    String markdown() {
        StringBuilder b = new StringBuilder("## ").append(title).append("\n\n");
        if (!intro.isEmpty()) {
            b.append(intro).append("\n\n");
        }
        b.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<Cell> row : rows) {
            b.append('|');
            for (Cell c : row) {
                b.append(' ').append(markdown(c)).append(" |");
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    private static String markdown(Cell c) {
        if (c.missed() == null) {
            return c.text();
        }
        return c.missed() ? "<span style=\"color:#c00\">**" + c.text() + " ✗**</span>" : c.text() + " ✓";
    }

    String html() {
        StringBuilder b = new StringBuilder("<h2>").append(escape(title)).append("</h2>\n");
        if (!intro.isEmpty()) {
            b.append("<p>").append(escape(intro)).append("</p>\n");
        }
        b.append("<table>\n<tr>");
        header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<Cell> row : rows) {
            b.append("<tr>");
            for (Cell c : row) {
                String cls = c.missed() == null ? "" : c.missed() ? " class=\"miss\"" : " class=\"met\"";
                String mark = c.missed() == null ? "" : c.missed() ? " ✗" : " ✓";
                b.append("<td").append(cls).append('>').append(escape(c.text())).append(mark).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
