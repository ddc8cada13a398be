package dev.arbiter.console;

import dev.arbiter.security.PersonAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Gives every console page what the layout needs: {@code me} (the person signed in, a
 * {@code security.Caller}) and {@code nav} (the entries their role sees). Registered for
 * {@code /console/**} only, so the API's controllers never pay for it.
 */
final class ConsoleModel implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null || mav.getViewName() == null || mav.getViewName().startsWith("redirect:")) {
            return;
        }
        PersonAuthentication.current().ifPresent(me -> {
            mav.addObject("me", me);
            mav.addObject("nav", ConsoleNav.visibleTo(me.role()));
        });
        mav.addObject("path", request.getServletPath());
    }
}
