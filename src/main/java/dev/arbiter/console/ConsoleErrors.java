package dev.arbiter.console;

import dev.arbiter.security.PersonAuthentication;
import dev.arbiter.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * A role check refused on a console page ({@code @PreAuthorize} on a screen's handler) is an
 * HTML page with status 403 that names the role and the way back, inside the layout; without
 * this the API's catch-all would answer it as an internal error. The one place for every
 * console screen, whichever module it lives in. Outside {@code /console} (no {@code /v1}
 * endpoint checks roles this way) the answer is the API's problem document.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException denied, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        String path = request.getServletPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            ModelAndView page = new ModelAndView("console/forbidden");
            page.addObject("requested", path);
            // an exception skips the handlers' postHandle, so the layout's model is added here
            PersonAuthentication.current().ifPresent(me -> {
                page.addObject("me", me);
                page.addObject("nav", ConsoleNav.visibleTo(me.role()));
            });
            page.addObject("path", path);
            return page;
        }
        ProblemDetail problem = Problems.ROLE_NOT_ALLOWED.detail("this role may not call " + path);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("instance", path);
        document.putAll(problem.getProperties());
        JacksonJsonView view = new JacksonJsonView();
        view.setExtractValueFromSingleKeyModel(true);
        view.setContentType("application/problem+json");
        return new ModelAndView(view, Map.of("problem", document));
    }
}
