package dev.arbiter.web;

import dev.arbiter.web.Problems.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses, before anything reads them, path segments and query parameters whose decoded text
 * is not valid UTF-8 or holds control characters, and encoded slashes or backslashes in the
 * path: no such text is meaningful to Arbiter, and none should reach a parser, a query or a
 * log line. Each offending parameter is named in its still-encoded, printable form.
 */
public final class ParameterText extends OncePerRequestFilter {

    private static final String ALLOWED = "percent-encoded UTF-8 text without control characters";

    private final ObjectMapper json;

    ParameterText(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> problems = problems(request.getRequestURI(), request.getQueryString());
        if (problems.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var problem = Problems.INVALID_PARAMETER.detail(
                problems.size() + " invalid parameter"
                        + (problems.size() == 1 ? "" : "s") + ": "
                        + String.join(
                                ", ",
                                problems.stream()
                                        .map(FieldProblem::field)
                                        .distinct()
                                        .toList()),
                problems);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Every problem of the raw (still percent-encoded) path and query. */
    static List<FieldProblem> problems(String rawPath, String rawQuery) {
        List<FieldProblem> problems = new ArrayList<>();
        String path = rawPath == null ? "" : rawPath;
        String lower = path.toLowerCase();
        if (lower.contains("%2f") || lower.contains("%5c")) {
            problems.add(new FieldProblem(
                    "path", "", "holds an encoded slash or backslash", "path segments without %2F or %5C"));
        } else {
            String reason = reason(path, false);
            if (reason != null) {
                problems.add(new FieldProblem("path", "", reason, ALLOWED));
            }
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String reason = reason(name, true);
                if (reason == null && eq >= 0) {
                    reason = reason(pair.substring(eq + 1), true);
                }
                if (reason != null) {
                    problems.add(new FieldProblem(printable(name), "", reason, ALLOWED));
                }
            }
        }
        return problems;
    }

    /** Null when the encoded text decodes to printable UTF-8, else why not. */
    private static String reason(String encoded, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return "holds a malformed percent escape";
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return "is not valid UTF-8";
        }
        return text.codePoints().anyMatch(Character::isISOControl) ? "holds a control character" : null;
    }

    /** The raw text with anything outside printable ASCII percent-encoded: safe to echo and to log. */
    public static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.length() > 200 ? out.substring(0, 200) + "..." : out.toString();
    }
}
