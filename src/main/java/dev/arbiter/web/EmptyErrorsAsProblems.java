package dev.arbiter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Boot's actuator answers some refusals (a health component or group that is not
 * there, a component hidden from the caller) with a bare status and no body. Such an answer,
 * not yet committed, is sent again as an error, so that it becomes a problem like every
 * other answer Arbiter gives.
 */
final class EmptyErrorsAsProblems extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status >= 400 && !response.isCommitted() && response.getContentType() == null) {
            response.resetBuffer();
            response.sendError(status);
        }
    }
}
