package dev.arbiter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The keys of the logging context (SLF4J's MDC) every line logged while a request is served
 * carries, once known: the authenticated client, the application id and the decision id. None
 * is personal data. This filter wraps every request and empties them when it is answered, so
 * that no key outlives its request on a pooled thread.
 */
public final class LogContext extends OncePerRequestFilter {

    public static final String CLIENT = "client";
    public static final String APPLICATION_ID = "applicationId";
    public static final String DECISION_ID = "decisionId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CLIENT);
            MDC.remove(APPLICATION_ID);
            MDC.remove(DECISION_ID);
        }
    }
}
