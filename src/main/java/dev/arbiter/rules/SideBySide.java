package dev.arbiter.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff laid out in two columns for the console: each hunk's removed lines beside the
 * added lines that replaced them, unchanged lines on both sides, line numbers on each side.
 */
final class SideBySide {

    private SideBySide() {}

    enum Kind {
        SAME,
        CHANGED,
        REMOVED,
        ADDED,
        HUNK
    }

    /** One row; a number is 0 and a text null where that side has no line. */
    record Row(Kind kind, int leftNumber, String left, int rightNumber, String right) {
        public String kindName() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static List<Row> of(String unifiedDiff) {
        List<Row> rows = new ArrayList<>();
        if (unifiedDiff == null) {
            return rows;
        }
        int left = 0;
        int right = 0;
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String line : unifiedDiff.split("\n", -1)) {
            if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                continue;
            }
            if (line.startsWith("@@")) {
                flush(rows, removed, added, left, right);
                String[] parts = line.split(" ");
                left = Integer.parseInt(parts[1].substring(1).split(",")[0]);
                right = Integer.parseInt(parts[2].substring(1).split(",")[0]);
                rows.add(new Row(Kind.HUNK, 0, line, 0, line));
                continue;
            }
            if (line.startsWith("-")) {
                removed.add(line.substring(1));
            } else if (line.startsWith("+")) {
                added.add(line.substring(1));
            } else if (line.startsWith(" ")) {
                int[] pos = flush(rows, removed, added, left, right);
                left = pos[0];
                right = pos[1];
                rows.add(new Row(Kind.SAME, left++, line.substring(1), right++, line.substring(1)));
            } else if (!line.isEmpty()) {
                rows.add(new Row(Kind.HUNK, 0, line, 0, line));
            }
        }
        flush(rows, removed, added, left, right);
        return rows;
    }

    /** Pairs the pending removed and added lines; returns the next line numbers on each side. */
    private static int[] flush(List<Row> rows, List<String> removed, List<String> added, int left, int right) {
        int n = Math.max(removed.size(), added.size());
        for (int i = 0; i < n; i++) {
            String l = i < removed.size() ? removed.get(i) : null;
            String r = i < added.size() ? added.get(i) : null;
            Kind kind = l != null && r != null ? Kind.CHANGED : l != null ? Kind.REMOVED : Kind.ADDED;
            rows.add(new Row(kind, l != null ? left++ : 0, l, r != null ? right++ : 0, r));
        }
        removed.clear();
        added.clear();
        return new int[] {left, right};
    }
}
