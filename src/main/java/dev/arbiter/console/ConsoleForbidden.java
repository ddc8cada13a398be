package dev.arbiter.console;

import dev.arbiter.security.PersonAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page the person's role may not open answers 403 with a page in the layout, saying
 * so and linking Home, rather than the API's problem JSON. Only the console's handlers carry
 * role checks ({@code @PreAuthorize}); the API checks roles in its signed-request filter.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleForbidden {

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("console/forbidden", HttpStatus.FORBIDDEN);
        PersonAuthentication.current().ifPresent(me -> {
            page.addObject("me", me);
            page.addObject("nav", ConsoleNav.visibleTo(me.role()));
        });
        page.addObject("path", request.getServletPath());
        return page;
    }
}
