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
 * A console handler refused by its {@code @PreAuthorize} answers 403 with a page saying so,
 * before the API's catch-all problem handler could turn the refusal into a 500.
 */
@ControllerAdvice(basePackages = "dev.arbiter")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAccessDenied {

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied(HttpServletRequest request) {
        ModelAndView mav = new ModelAndView("console/forbidden", HttpStatus.FORBIDDEN);
        // the interceptor's postHandle does not run when the handler threw
        PersonAuthentication.current().ifPresent(me -> {
            mav.addObject("me", me);
            mav.addObject("nav", ConsoleNav.visibleTo(me.role()));
        });
        mav.addObject("path", request.getServletPath());
        return mav;
    }
}
