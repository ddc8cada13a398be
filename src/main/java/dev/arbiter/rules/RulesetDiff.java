package dev.arbiter.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Two versions compared file by file, with a unified diff of each changed text file. */
public final class RulesetDiff {

    private static final int CONTEXT = 3;
    /** Beyond this many lines a side the line-by-line table would be too large to build per request. */
    private static final int MAX_LINES = 5_000;

    private RulesetDiff() {}

    public enum Change {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** @param unifiedDiff null for binary files such as XLSX */
    public record FileChange(String path, Change change, String unifiedDiff) {}

    public static List<FileChange> between(Ruleset a, Ruleset b) {
        List<FileChange> changes = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(a.paths());
        paths.addAll(b.paths());
        for (String path : paths) {
            boolean inA = a.contains(path);
            boolean inB = b.contains(path);
            byte[] before = inA ? a.content(path) : new byte[0];
            byte[] after = inB ? b.content(path) : new byte[0];
            if (inA && inB && Arrays.equals(before, after)) {
                continue;
            }
            Change change = !inA ? Change.ADDED : !inB ? Change.REMOVED : Change.CHANGED;
            String beforeText = text(before);
            String afterText = text(after);
            String diff = beforeText == null || afterText == null
                    ? null
                    : unified(
                            inA ? "a/" + path : "/dev/null",
                            inB ? "b/" + path : "/dev/null",
                            lines(beforeText),
                            lines(afterText));
            changes.add(new FileChange(path, change, diff));
        }
        return changes;
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = List.of(text.split("\r?\n", -1));
        // a final newline ends the last line rather than starting an empty one
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** A unified diff (as {@code diff -u} writes it) from the longest common subsequence of lines. */
    static String unified(String nameA, String nameB, List<String> a, List<String> b) {
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return "--- " + nameA + "\n+++ " + nameB + "\n(files too long to compare line by line)\n";
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ' keep, '-' remove, '+' add, with the line numbers on each side
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {' ', i++, j++});
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {'-', i++, j});
            } else {
                ops.add(new int[] {'+', i, j++});
            }
        }
        StringBuilder out = new StringBuilder("--- ")
                .append(nameA)
                .append("\n+++ ")
                .append(nameB)
                .append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while the next change is within two contexts of the last
            int lastChange = k;
            while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = ops.get(start)[1];
            int bStart = ops.get(start)[2];
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int h = start; h < end; h++) {
                int[] op = ops.get(h);
                if (op[0] == ' ') {
                    body.append(' ').append(a.get(op[1])).append('\n');
                    aCount++;
                    bCount++;
                } else if (op[0] == '-') {
                    body.append('-').append(a.get(op[1])).append('\n');
                    aCount++;
                } else {
                    body.append('+').append(b.get(op[2])).append('\n');
                    bCount++;
                }
            }
            out.append("@@ -")
                    .append(aCount == 0 ? aStart : aStart + 1)
                    .append(',')
                    .append(aCount)
                    .append(" +")
                    .append(bCount == 0 ? bStart : bStart + 1)
                    .append(',')
                    .append(bCount)
                    .append(" @@\n")
                    .append(body);
            k = end;
        }
        return out.toString();
    }
}
