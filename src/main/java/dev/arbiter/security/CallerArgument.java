package dev.arbiter.security;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method the authenticated {@link Caller} as an argument, e.g. the actor of
 * an approval: {@code approve(@PathVariable String version, Caller caller)} then
 * {@code caller.actor()}. Every {@code /v1} request has one (the filter refuses the rest), and
 * so has every console page, where it is the person signed in.
 */
public final class CallerArgument implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Object caller = request.getAttribute(SignedRequests.CALLER, RequestAttributes.SCOPE_REQUEST);
        if (caller != null) {
            return caller;
        }
        // a console page: the person signed in
        return PersonAuthentication.current()
                .orElseThrow(() -> new IllegalStateException(
                        "no authenticated caller: the endpoint is neither a signed /v1 path nor a console page"));
    }
}
