package dev.arbiter.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The console's sign-in: checks a person's password through {@link People} (lockout
 * included) and makes the signed-in person a {@link Caller}, the principal of the session.
 * Authorities: {@code ROLE_<ROLE>} (for {@code @PreAuthorize("hasRole('ANALYST')")}) and,
 * while the password must be changed, {@link #PASSWORD_CHANGE_REQUIRED}.
 */
public final class PersonAuthentication implements AuthenticationProvider {

    /** Held until the person changes the password someone else chose; only the password page is open meanwhile. */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private static final Logger log = LoggerFactory.getLogger(PersonAuthentication.class);

    private final People people;

    PersonAuthentication(People people) {
        this.people = people;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String userName = attempt.getName();
        Object credentials = attempt.getCredentials();
        People.SignIn result = people.signIn(userName, credentials == null ? null : credentials.toString());
        if (result instanceof People.SignedIn signedIn) {
            log.info("console sign-in: {}", signedIn.person().userName());
            return token(signedIn.person());
        }
        log.info("console sign-in refused: {}", ((People.Refused) result).why());
        // the visitor is told the same for every refusal: nothing reveals whether the person exists
        throw new BadCredentialsException("sign-in refused");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The session's authentication for a person, as stored now. */
    public static Authentication token(Person person) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + person.role().name()));
        if (person.mustChangePassword()) {
            authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
        }
        return UsernamePasswordAuthenticationToken.authenticated(person.caller(), null, authorities);
    }

    /** Replaces the session's authentication after the person changed (e.g. their password). */
    public static void renew(Person person, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(token(person));
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }

    /** The person signed in on this thread's request, if any. */
    public static java.util.Optional<Caller> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Caller caller
                ? java.util.Optional.of(caller)
                : java.util.Optional.empty();
    }
}
