package dev.arbiter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two headers on every answer, set before anything else can answer: {@code no-store}, because
 * decisions, personal data in clear and audit results must not stay in any cache on the way
 * (and an API answer has nothing worth caching), and {@code nosniff}, so that no browser
 * reads a JSON answer as something it could run.
 */
final class SafeHeaders extends OncePerRequestFilter {

    static final String NO_STORE = "no-store";
    static final String NOSNIFF = "nosniff";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        set(response);
        chain.doFilter(request, response);
    }

    static void set(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.setHeader("X-Content-Type-Options", NOSNIFF);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
