package dev.arbiter.security;

import dev.arbiter.web.LogContext;
import dev.arbiter.web.ParameterText;
import dev.arbiter.web.PayloadTooLargeException;
import dev.arbiter.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Every {@code /v1} request passes here after the body size limit and before routing: its
 * signature is verified over the exact body bytes received, its role is checked against
 * {@link Authorization}, then its nonce is recorded and its client's rate limit applied in one
 * statement ({@link ClientRateLimits#admit}; a replay is refused and not counted). The request
 * that creates a decision leaves its nonce to the decision's transaction, and the read of one
 * decision to the statement that reads it ({@link #recordsItsOwnNonce}). The caller then travels
 * as the request attribute {@link #CALLER}, which controllers receive as a {@link Caller} argument.
 * Each refusal counts in {@code arbiter.requests.refused}, by problem code and status.
 */
public final class SignedRequests extends OncePerRequestFilter {

    /** The request attribute holding the authenticated {@link Caller}. */
    public static final String CALLER = "dev.arbiter.caller";

    private static final Logger log = LoggerFactory.getLogger(SignedRequests.class);

    private final RequestVerifier verifier;
    private final ClientRateLimits limits;
    private final AuthenticationThrottle throttle;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    SignedRequests(
            RequestVerifier verifier,
            ClientRateLimits limits,
            AuthenticationThrottle throttle,
            ObjectMapper json,
            MeterRegistry meters) {
        this.meters = meters;
        this.verifier = verifier;
        this.limits = limits;
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(Signatures.KEY_ID);
        String keyId = header == null ? null : ParameterText.printable(header);
        String address = request.getRemoteAddr();
        OptionalLong throttled = throttle.refused(keyId, address);
        if (throttled.isPresent()) {
            // before the key is looked up or opened: refusing must cost less than checking
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.getAsLong()));
            write(
                    request,
                    response,
                    Problems.AUTH_THROTTLED.detail("Too many failed authentications for this key id "
                            + "or from this address; nothing was checked or done. Retry after " + throttled.getAsLong()
                            + " second(s), with a correct signature."));
            return;
        }
        byte[] body;
        try {
            body = body(request);
        } catch (PayloadTooLargeException tooLarge) {
            response.setHeader("Connection", "close");
            write(request, response, Problems.PAYLOAD_TOO_LARGE.detail(tooLarge.getMessage()));
            return;
        }
        String path = request.getRequestURI();
        String routed = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean handlerRecordsNonce = recordsItsOwnNonce(request.getMethod(), routed);
        RequestVerifier.Verdict verdict;
        try {
            verdict = verifier.verify(
                    new SignedRequest(
                            request.getMethod(),
                            path,
                            request.getQueryString(),
                            request.getHeader(Signatures.KEY_ID),
                            request.getHeader(Signatures.TIMESTAMP),
                            request.getHeader(Signatures.NONCE),
                            request.getHeader(Signatures.SIGNATURE),
                            body),
                    // recorded below with the rate limit's count (one statement), or by the handler
                    true);
        } catch (DataAccessException | TransactionException storageDown) {
            // keys and nonces live in PostgreSQL: without it no request can be authenticated, nor decided
            log.error("cannot authenticate requests, key storage unavailable: {}", storageDown.toString());
            storageUnavailable(request, response, "the request's key could not be checked");
            return;
        }
        if (verdict instanceof RequestVerifier.Refused refused) {
            if (costsAKeyLookup(refused.refusal().failure())) {
                throttle.failed(keyId, address);
            }
            refuse(request, response, refused.refusal());
            return;
        }
        RequestVerifier.Accepted accepted = (RequestVerifier.Accepted) verdict;
        Caller caller = accepted.caller();
        var forbidden = Authorization.check(caller.role(), request.getMethod(), routed);
        if (forbidden.isPresent()) {
            refuse(request, response, forbidden.get());
            return;
        }
        ClientRateLimits.Admission admission;
        try {
            admission = limits.admit(caller.clientId(), handlerRecordsNonce ? null : accepted.deferredNonce());
        } catch (DataAccessException | TransactionException storageDown) {
            log.error("cannot admit requests, nonce storage unavailable: {}", storageDown.toString());
            storageUnavailable(request, response, "the request's nonce could not be recorded");
            return;
        }
        if (admission instanceof ClientRateLimits.Replayed) {
            throttle.failed(keyId, address);
            SignedNonce nonce = accepted.deferredNonce();
            refuse(
                    request,
                    response,
                    Refusal.of(
                            AuthFailure.NONCE_REPLAYED, RequestVerifier.replayedDetail(nonce.keyId(), nonce.nonce())));
            return;
        }
        if (admission instanceof ClientRateLimits.Limited limited) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.seconds()));
            write(
                    request,
                    response,
                    Problems.RATE_LIMITED.detail("Client " + caller.clientId() + " sent more than "
                            + limits.limitPerPeriod() + " requests in one period; retry after " + limited.seconds()
                            + " second(s)."));
            return;
        }
        request.setAttribute(CALLER, caller);
        if (handlerRecordsNonce) {
            request.setAttribute(SignedNonce.ATTRIBUTE, accepted.deferredNonce());
        }
        MDC.put(LogContext.CLIENT, caller.clientId());
        chain.doFilter(new CachedBodyRequest(request, body), response);
        if (handlerRecordsNonce && Boolean.TRUE.equals(request.getAttribute(SignedNonce.REPLAYED))) {
            // refused by its handler as a replay: as if refused here, where a replay counts nothing
            throttle.failed(keyId, address);
            limits.refund(caller.clientId(), (ClientRateLimits.Admitted) admission);
        }
    }

    /** The largest declared body read straight into an array of its size. */
    private static final int EXACT_READ_LIMIT = 1 << 20;

    /**
     * The body's bytes, exactly as received. A body whose length is declared is read into an
     * array of that size, and a request without a body (every GET) costs no buffer at all;
     * {@code readAllBytes} would start each with a 16 KB one and copy out of it.
     */
    static byte[] body(HttpServletRequest request) throws IOException {
        InputStream in = request.getInputStream();
        long declared = request.getContentLengthLong();
        byte[] head = declared > 0 && declared <= EXACT_READ_LIMIT ? new byte[(int) declared] : EMPTY;
        int n = in.readNBytes(head, 0, head.length);
        if (n < head.length) {
            return Arrays.copyOf(head, n);
        }
        int next = in.read();
        if (next < 0) {
            return head;
        }
        // chunked, or longer than declared: the rest as it comes
        ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + 8192);
        all.write(head);
        all.write(next);
        in.transferTo(all);
        return all.toByteArray();
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * The request that creates a decision records its nonce in the decision's own transaction
     * ({@code recording.DecisionIntake}): one commit less per decision, and the nonce is used up
     * exactly when the decision is stored. A replay of a stored decision's request is refused
     * there with the same {@code NONCE_REPLAYED}; a request refused before anything was stored
     * (invalid body, conflict, failed evaluation) leaves its nonce unused, so sending it again
     * gets the same refusal. The read of one decision records its nonce in the statement that
     * reads it ({@code recording.DecisionRecorder#show}): one round trip less per read; a read
     * refused before it reaches the decision (an id that is not a UUID) leaves its nonce unused.
     * Both are counted in the budget before their handler runs, and a replay their handler finds
     * is given back ({@link ClientRateLimits#refund}). Every other request records its nonce
     * here, before any work.
     */
    static boolean recordsItsOwnNonce(String method, String routedPath) {
        return ("POST".equals(method) && "/v1/decisions".equals(routedPath))
                || ("GET".equals(method) && isOneDecision(routedPath));
    }

    private static final String DECISIONS = "/v1/decisions/";

    /** {@code /v1/decisions/{id}}: one segment after the collection, nothing after it. */
    private static boolean isOneDecision(String routedPath) {
        return routedPath.length() > DECISIONS.length()
                && routedPath.startsWith(DECISIONS)
                && routedPath.indexOf('/', DECISIONS.length()) < 0;
    }

    /** The failures that got as far as looking up (and mostly opening) a key: those an attacker can repeat at our cost. */
    private static boolean costsAKeyLookup(AuthFailure failure) {
        return failure.status() == 401 && failure != AuthFailure.MISSING_CREDENTIALS;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
        String keyId = request.getHeader(Signatures.KEY_ID);
        log.info(
                "refused {} {}: {} (key {})",
                request.getMethod(),
                request.getRequestURI(),
                refusal.failure(),
                keyId == null ? null : ParameterText.printable(keyId));
        ProblemDetail problem = Problems.valueOf(refusal.failure().name()).detail(refusal.detail());
        refusal.facts().forEach(problem::setProperty);
        if (refusal.failure().status() == 401) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, NonceReplayedException.WWW_AUTHENTICATE);
        }
        write(request, response, problem);
    }

    /** 503 with a retry in 5 s: {@code what} could not be done because PostgreSQL is unreachable, so nothing was. */
    private void storageUnavailable(HttpServletRequest request, HttpServletResponse response, String what)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        write(
                request,
                response,
                Problems.STORAGE_UNAVAILABLE.detail(what + " because storage is unavailable, so nothing was done; "
                        + "retry the same request (with a new nonce and timestamp)"));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        Object code =
                problem.getProperties() == null ? null : problem.getProperties().get("code");
        meters.counter(
                        "arbiter.requests.refused",
                        "code",
                        String.valueOf(code),
                        "status",
                        Integer.toString(problem.getStatus()))
                .increment();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
