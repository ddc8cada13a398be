package dev.arbiter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, and
 * while reading when the body is chunked, before anything is parsed or stored.
 */
final class BodySizeLimit extends OncePerRequestFilter {

    /** Uploads of whole ruleset versions, which carry many files, have a limit of their own. */
    static final String RULESET_UPLOADS = "/v1/rulesets";

    private final long maxBytes;
    private final long maxRulesetBytes;
    private final ObjectMapper json;

    BodySizeLimit(long maxBytes, long maxRulesetBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.maxRulesetBytes = maxRulesetBytes;
        this.json = json;
    }

    long limitFor(HttpServletRequest request) {
        return RULESET_UPLOADS.equals(request.getRequestURI()) ? maxRulesetBytes : maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            var problem = Problems.PAYLOAD_TOO_LARGE.detail(new PayloadTooLargeException(limit).getMessage());
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(Problems.PAYLOAD_TOO_LARGE.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
