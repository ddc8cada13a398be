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
 * {@code caller.clientId()}. Every {@code /v1} request has one; the filter refuses the rest.
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
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the endpoint is outside the signed /v1 paths");
        }
        return caller;
    }
}
