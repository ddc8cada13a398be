package dev.arbiter.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.template.parser.DecisionTableParseException;

/**
 * Drools decision tables (CSV, XLS, XLSX) turned into DRL before compilation, so their rules
 * pass the same checks as hand-written ones. Drools ignores a column whose header it does not
 * know, silently dropping a condition; a CSV table's headers are therefore checked here first.
 */
final class DecisionTables {

    static final Set<String> COLUMNS = Set.of(
            "CONDITION",
            "ACTION",
            "NAME",
            "DESCRIPTION",
            "METADATA",
            "PRIORITY",
            "SALIENCE",
            "ACTIVATION-GROUP",
            "AGENDA-GROUP",
            "RULEFLOW-GROUP",
            "NO-LOOP",
            "LOCK-ON-ACTIVE",
            "AUTO-FOCUS",
            "DURATION",
            "TIMER",
            "CALENDARS",
            "DATE-EFFECTIVE",
            "DATE-EXPIRES",
            "ENABLED",
            "IGNORE");
    private static final Pattern CELL = Pattern.compile("cell ([A-Z]+)(\\d+)");
    private static final Pattern ORIGIN = Pattern.compile("rule values at ([A-Z]+)(\\d+), header at ([A-Z]+)(\\d+)");

    private DecisionTables() {}

    /** Files other than the reason-code table and the golden cases that Drools reads as a decision table. */
    static boolean isTable(String path) {
        if (path.startsWith(Ruleset.CASES_FOLDER + "/") || path.equals(ReasonCodeTable.FILE)) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".xls") || lower.endsWith(".xlsx");
    }

    /** The table's rules as DRL, or empty with every error found added to {@code errors}. */
    static Optional<String> toDrl(String file, byte[] content, List<CompileError> errors) {
        boolean csv = file.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv && !headersAreKnown(file, content, errors)) {
            return Optional.empty();
        }
        try {
            String drl = new SpreadsheetCompiler()
                    .compile(new ByteArrayInputStream(content), csv ? InputType.CSV : InputType.XLS);
            if (drl == null || !drl.contains("rule \"")) {
                errors.add(
                        new CompileError(file, 0, 0, "the decision table has no RuleTable with at least one rule row"));
                return Optional.empty();
            }
            return Optional.of(drl);
        } catch (DecisionTableParseException e) {
            errors.add(atCell(file, e.getMessage()));
        } catch (RuntimeException e) {
            errors.add(new CompileError(file, 0, 0, "not a readable decision table: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * Offences found in a table's generated DRL, placed back at the cell they came from: the
     * row of the rule (Drools writes "rule values at C9, header at C4" above each rule) and, for
     * a CSV table, the column of the first cell of that row or of the rule table's templates
     * whose text appears in the offending DRL line. The DRL line is quoted in the message.
     */
    static List<CompileError> inTable(String file, byte[] content, String drl, List<CompileError> offences) {
        boolean csv = file.toLowerCase(Locale.ROOT).endsWith(".csv");
        List<List<String>> rows = csv ? Csv.parse(new String(content, StandardCharsets.UTF_8)) : List.of();
        String[] lines = drl.split("\n", -1);
        List<CompileError> placed = new ArrayList<>();
        for (CompileError offence : offences) {
            String drlLine = offence.line() >= 1 && offence.line() <= lines.length ? lines[offence.line() - 1] : "";
            int valueRow = 0;
            int headerRow = 0;
            int firstColumn = 0;
            for (int i = Math.min(offence.line(), lines.length) - 1; i >= 0; i--) {
                Matcher origin = ORIGIN.matcher(lines[i]);
                if (origin.find()) {
                    firstColumn = columnNumber(origin.group(1));
                    valueRow = Integer.parseInt(origin.group(2));
                    headerRow = Integer.parseInt(origin.group(4));
                    break;
                }
            }
            int[] cell = cellAt(rows, drlLine, offence.column() - 1, valueRow, headerRow);
            int row = cell != null ? cell[0] : valueRow;
            int column = cell != null ? cell[1] : firstColumn;
            String where =
                    row > 0 && column > 0 ? "cell " + columnName(column) + row : row > 0 ? "row " + row : "the table";
            placed.add(new CompileError(
                    file, row, column, where + " (generated DRL \"" + drlLine.strip() + "\"): " + offence.message()));
        }
        return placed;
    }

    /**
     * The 1-based row and column of the cell whose text, placed in {@code drlLine}, covers the
     * offending position: the rule's own row first, then its table's code rows, then any row
     * (a RuleSet row such as Functions or Import).
     */
    private static int[] cellAt(List<List<String>> rows, String drlLine, int position, int valueRow, int headerRow) {
        List<Integer> candidates = new ArrayList<>();
        if (valueRow > 0) {
            candidates.add(valueRow);
        }
        if (headerRow > 0) {
            candidates.addAll(List.of(headerRow + 2, headerRow + 1));
        }
        for (int r = 1; r <= rows.size(); r++) {
            candidates.add(r);
        }
        int[] fallback = null;
        for (int row : candidates) {
            if (row < 1 || row > rows.size()) {
                continue;
            }
            List<String> cells = rows.get(row - 1);
            for (int c = 0; c < cells.size(); c++) {
                int[] span = span(cells.get(c).strip(), drlLine);
                if (span == null) {
                    continue;
                }
                if (position >= span[0] && position < span[1]) {
                    return new int[] {row, c + 1};
                }
                if (fallback == null) {
                    fallback = new int[] {row, c + 1};
                }
            }
        }
        return fallback;
    }

    /** Where a cell's text shows in a DRL line: a value whole, a template by its pieces around $param; null if not. */
    private static int[] span(String cell, String drlLine) {
        if (cell.length() < 2) {
            return null;
        }
        int start = -1;
        int from = 0;
        for (String piece : cell.split("\\$param|\\$\\d+")) {
            String part = piece.strip();
            if (part.isEmpty()) {
                continue;
            }
            int found = drlLine.indexOf(part, from);
            if (found < 0) {
                return null;
            }
            start = start < 0 ? found : start;
            from = found + part.length();
        }
        return start < 0 ? null : new int[] {start, from};
    }

    private static CompileError atCell(String file, String message) {
        Matcher cell = CELL.matcher(message == null ? "" : message);
        if (cell.find()) {
            return new CompileError(file, Integer.parseInt(cell.group(2)), columnNumber(cell.group(1)), message);
        }
        return new CompileError(file, 0, 0, message);
    }

    /** The row after each {@code RuleTable} row names the columns; every name must be one Drools knows. */
    private static boolean headersAreKnown(String file, byte[] content, List<CompileError> errors) {
        List<List<String>> rows = Csv.parse(new String(content, StandardCharsets.UTF_8));
        int before = errors.size();
        for (int r = 0; r + 1 < rows.size(); r++) {
            if (rows.get(r).isEmpty() || !rows.get(r).get(0).trim().startsWith("RuleTable")) {
                continue;
            }
            List<String> header = rows.get(r + 1);
            boolean condition = false;
            boolean action = false;
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c).trim().toUpperCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                condition |= name.equals("CONDITION");
                action |= name.equals("ACTION");
                if (!COLUMNS.contains(name)) {
                    errors.add(new CompileError(
                            file,
                            r + 2,
                            c + 1,
                            "column header \"" + header.get(c).trim()
                                    + "\" in cell " + columnName(c + 1) + (r + 2)
                                    + " is not a decision table column; allowed: "
                                    + String.join(
                                            ", ", COLUMNS.stream().sorted().toList())));
                }
            }
            if (!condition || !action) {
                errors.add(new CompileError(
                        file, r + 2, 1, "the RuleTable needs at least one CONDITION and one ACTION column"));
            }
        }
        return errors.size() == before;
    }

    private static int columnNumber(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n;
    }

    private static String columnName(int number) {
        StringBuilder name = new StringBuilder();
        for (int n = number; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }

    /** RFC 4180 as spreadsheets write it: quoted fields, doubled quotes, CRLF or LF; empty lines kept, so rows keep their numbers. */
    static final class Csv {
        private static final CSVFormat FORMAT =
                CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

        private Csv() {}

        static List<List<String>> parse(String text) {
            try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
                List<List<String>> rows = new ArrayList<>();
                parser.forEach(record -> rows.add(record.toList()));
                return rows;
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("not a CSV table: " + e.getMessage(), e);
            }
        }
    }
}
