package dev.arbiter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security serves the console only. Its filter is registered for the console's paths
 * ({@link #CONSOLE_PATHS}) and nothing else, so {@code /v1} (signed requests,
 * {@link SignedRequests}), the actuator and the OpenAPI document pass exactly as they did
 * before: no session, no CSRF, no login redirect, no added headers, no firewall of its own.
 *
 * <p>The console chain: form login at {@code /console/sign-in} against {@link People}
 * (Argon2id, lockout), the session cookie (HttpOnly, SameSite=Lax, idle timeout
 * {@code ARBITER_CONSOLE_IDLE_TIMEOUT}, 15 minutes by default), CSRF on every unsafe method,
 * a Content-Security-Policy without inline scripts or styles, framing denied, and every page
 * but sign-in and the static assets for people signed in only. Roles are checked per screen
 * with {@code @PreAuthorize("hasRole('ANALYST')")} (method security is on).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(PeopleProperties.class)
class ConsoleSecurity {

    /** The servlet paths Spring Security's filter sees: the console and the front-end libraries it loads. */
    static final List<String> CONSOLE_PATHS = List.of("/console", "/console/*", "/webjars/*");

    /** No inline script or style anywhere in the console: scripts and styles are files under /console/assets. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final String SIGN_IN = "/console/sign-in";
    static final String PASSWORD = "/console/password";
    /**
     * The live feed's WebSocket: open to the filter (the upgrade cannot follow a redirect to the
     * sign-in page), which still reads the session; the handshake itself refuses an upgrade
     * without a signed-in person or from another origin, with a problem document.
     */
    static final String LIVE_STREAM = "/console/stream";

    @Bean
    People people(JdbcClient jdbc, Clock clock, PeopleProperties properties) {
        return new People(jdbc, clock, properties);
    }

    @Bean
    AdminActions adminActions(JdbcClient jdbc, Clock clock) {
        return new AdminActions(jdbc, clock);
    }

    @Bean
    PersonAuthentication personAuthentication(People people) {
        return new PersonAuthentication(people);
    }

    @Bean
    FirstConsoleAdmin firstConsoleAdmin(People people, PeopleProperties properties, SecurityProperties security) {
        Path file = properties.firstAdminFile() != null
                ? properties.firstAdminFile()
                : security.keysDir().resolve("console-admin.password");
        return new FirstConsoleAdmin(people, file);
    }

    /** Keeps Spring Security's filter to the console's paths (Boot registers it for every path). */
    @Bean
    static BeanPostProcessor consoleOnlySecurityFilter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(name)) {
                    registration.setUrlPatterns(CONSOLE_PATHS);
                }
                return bean;
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, PersonAuthentication authentication, People people)
            throws Exception {
        http.securityMatcher("/console", "/console/**", "/webjars/**")
                .authenticationProvider(authentication)
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers("/console/assets/**", "/webjars/**", SIGN_IN, LIVE_STREAM)
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .defaultSuccessUrl("/console")
                        .failureUrl(SIGN_IN + "?refused"))
                .logout(logout -> logout.logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies("ARBITER_CONSOLE"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new StillThePerson(people), AuthorizationFilter.class)
                .addFilterAfter(new PasswordChangeFirst(), StillThePerson.class);
        return http.build();
    }

    /**
     * Anything outside the console, should it ever reach Spring Security: let through untouched,
     * as before Spring Security was added (the signed-request filter decides for {@code /v1}).
     */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Ends the session of a person who was disabled, removed or given another role since they
     * signed in: a session holds the role it was signed in with, so without this an admin's
     * change would wait for the session's end. One lookup by primary key per console request.
     */
    static final class StillThePerson extends OncePerRequestFilter {
        private final People people;

        StillThePerson(People people) {
            this.people = people;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof Caller caller && caller.person() != null) {
                var stored = people.find(caller.person());
                if (stored.isEmpty() || stored.get().disabled() || stored.get().role() != caller.role()) {
                    var session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                    response.sendRedirect(request.getContextPath() + SIGN_IN + "?ended");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** A person whose password someone else chose sees only the password page until they change it. */
    static final class PasswordChangeFirst extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String path = request.getServletPath();
            boolean mustChange = auth != null
                    && auth.getAuthorities().stream()
                            .anyMatch(a -> PersonAuthentication.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
            if (mustChange
                    && !path.equals(PASSWORD)
                    && !path.equals("/console/sign-out")
                    && !path.startsWith("/console/assets/")
                    && !path.startsWith("/webjars/")) {
                response.sendRedirect(request.getContextPath() + PASSWORD);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
