package dev.arbiter.stream;

import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.DecisionIntake;
import dev.arbiter.recording.DecisionRequest;
import dev.arbiter.recording.DecisionResponse;
import dev.arbiter.security.Caller;
import dev.arbiter.security.ClientRateLimits;
import dev.arbiter.security.Role;
import dev.arbiter.web.JsonRequests;
import dev.arbiter.web.Problems;
import dev.arbiter.web.Problems.FieldProblem;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /v1/stream}: one connection, many decisions (README, "Decision stream"). Each
 * {@code decide} message runs on a bounded pool of decision threads, never on the WebSocket's
 * I/O thread, through the same {@link DecisionIntake} as {@code POST /v1/decisions}, and is
 * answered only after its decision was committed. Answers may come out of order; the client's
 * {@code id} matches them.
 */
public class DecisionStream extends AbstractWebSocketHandler {

    /** Closed because the client did not read: the send buffer or the send time limit was exceeded. */
    public static final CloseStatus SLOW_READER = new CloseStatus(4002, "slow reader");
    /** Closed because nothing (neither a message nor a pong) came from the client within the idle timeout. */
    public static final CloseStatus IDLE = new CloseStatus(4008, "idle");

    static final String PATH = "/v1/stream";
    private static final int MAX_ID_LENGTH = 128;
    /** What a message may hold beyond its application, which may be as large as an HTTP body: type, id, keys. */
    static final int ENVELOPE_BYTES = 1024;

    private static final Set<String> DECIDE_FIELDS = Set.of("type", "id", "application");
    private static final Set<String> SUBSCRIBE_FIELDS = Set.of("type", "id", "filter");
    private static final Set<String> UNSUBSCRIBE_FIELDS = Set.of("type", "id");
    private static final Logger log = LoggerFactory.getLogger(DecisionStream.class);

    /** One open connection: who, what is in flight, what it subscribed to, when it was last heard from. */
    static final class Connection {
        final WebSocketSession session;
        final WebSocketSession out;
        final Caller caller;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong lastHeard = new AtomicLong(System.nanoTime());
        final StringBuilder partial = new StringBuilder();
        long partialBytes;
        boolean discarding;
        volatile FeedFilter subscription;
        /** The console's live feed: subscribe and unsubscribe only, whatever the person's role. */
        final boolean subscribeOnly;

        Connection(WebSocketSession session, WebSocketSession out, Caller caller) {
            this.session = session;
            this.out = out;
            this.caller = caller;
            this.subscribeOnly = Boolean.TRUE.equals(session.getAttributes().get(ConsoleHandshake.SUBSCRIBE_ONLY));
        }
    }

    private final DecisionIntake intake;
    private final ClientRateLimits rateLimits;
    private final JsonRequests requests;
    private final ObjectMapper json;
    private final StreamProperties limits;
    private final long maxMessageBytes;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor deciders;
    private final ScheduledExecutorService pinger;

    DecisionStream(
            DecisionIntake intake,
            ClientRateLimits rateLimits,
            JsonRequests requests,
            ObjectMapper json,
            StreamProperties limits,
            long maxMessageBytes) {
        this.intake = intake;
        this.rateLimits = rateLimits;
        this.requests = requests;
        this.json = json;
        this.limits = limits;
        this.maxMessageBytes = maxMessageBytes;
        AtomicInteger threads = new AtomicInteger();
        this.deciders = new ThreadPoolExecutor(
                limits.decisionThreads(),
                limits.decisionThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queueLength()),
                r -> {
                    Thread t = new Thread(r, "stream-decide-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-ping");
            t.setDaemon(true);
            return t;
        });
        long every = limits.pingInterval().toMillis();
        pinger.scheduleWithFixedDelay(this::pingOrClose, every, every, TimeUnit.MILLISECONDS);
    }

    /** Open connections, for tests and metrics. */
    public int openConnections() {
        return connections.size();
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Caller caller = (Caller) session.getAttributes().get(CallerHandshake.CALLER);
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session container = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (container != null) {
                // a blocked write to a client that does not read gives up after the send time limit too
                container
                        .getUserProperties()
                        .put(
                                "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT",
                                limits.sendTimeLimit().toMillis());
            }
        }
        var out = new ConcurrentWebSocketSessionDecorator(
                session, (int) limits.sendTimeLimit().toMillis(), limits.sendBufferBytes());
        Connection connection = new Connection(session, out, caller);
        connections.put(session.getId(), connection);
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "ready");
        ready.put("maxInFlight", limits.maxInFlight());
        ready.put("maxMessageBytes", maxMessageBytes);
        ready.put("role", caller.role().wire());
        send(connection, ready);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        connections.remove(session.getId());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("stream {} transport error: {}", session.getId(), exception.toString());
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.lastHeard.set(System.nanoTime());
        }
    }

    /**
     * Parts of a message are gathered up to the HTTP body limit plus {@link #ENVELOPE_BYTES} for
     * the message around the application; a larger message, or an application larger than the
     * body limit, is answered PAYLOAD_TOO_LARGE, as the same body over HTTP is.
     */
    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        connection.lastHeard.set(System.nanoTime());
        long messageLimit = maxMessageBytes + ENVELOPE_BYTES;
        String text;
        synchronized (connection.partial) {
            // messages of one session arrive one at a time; the lock only publishes the buffer between threads
            if (!connection.discarding) {
                connection.partialBytes += message.getPayload().getBytes(StandardCharsets.UTF_8).length;
                if (connection.partialBytes > messageLimit) {
                    connection.discarding = true;
                    connection.partial.setLength(0);
                } else {
                    connection.partial.append(message.getPayload());
                }
            }
            if (!message.isLast()) {
                return;
            }
            boolean tooLarge = connection.discarding;
            text = connection.partial.toString();
            connection.partial.setLength(0);
            connection.partialBytes = 0;
            connection.discarding = false;
            if (tooLarge) {
                problem(
                        connection,
                        null,
                        Problems.PAYLOAD_TOO_LARGE.detail("the message is larger than " + messageLimit
                                + " bytes (the request body limit, " + maxMessageBytes + ", and " + ENVELOPE_BYTES
                                + " for the message around it); nothing was read or done"));
                return;
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxMessageBytes) {
            // only a decide's application may be as large as an HTTP body; the rest of the message is small
            Envelope envelope = envelope(bytes);
            if (envelope == null || envelope.application() == null || envelope.application().length > maxMessageBytes) {
                problem(
                        connection,
                        envelope != null && validId(envelope.id()) ? envelope.id() : null,
                        Problems.PAYLOAD_TOO_LARGE.detail("the application is larger than " + maxMessageBytes
                                + " bytes (the request body limit); nothing was read or done"));
                return;
            }
        }
        handle(connection, bytes);
    }

    private void handle(Connection connection, byte[] text) {
        JsonNode message;
        try {
            message = requests.tree(text);
        } catch (JsonRequests.Refused refused) {
            refusedWhole(connection, text, refused);
            return;
        }
        if (!message.isObject()) {
            problem(
                    connection,
                    null,
                    Problems.MALFORMED_JSON.detail("the message is a JSON "
                            + message.getNodeType().name().toLowerCase() + "; send a JSON object with a type"));
            return;
        }
        JsonNode idNode = message.get("id");
        String id = idNode != null && idNode.isString() ? idNode.asString() : null;
        if (idNode != null && !idNode.isNull() && (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
            problem(
                    connection,
                    null,
                    invalid("id", "is not a valid message id", "a string of 1 to " + MAX_ID_LENGTH + " characters"));
            return;
        }
        JsonNode typeNode = message.get("type");
        String type = typeNode != null && typeNode.isString() ? typeNode.asString() : null;
        if (type == null) {
            problem(connection, id, invalid("type", "is required", "one of decide, subscribe, unsubscribe"));
            return;
        }
        switch (type) {
            case "decide" -> decide(connection, id, message);
            case "subscribe" -> subscribe(connection, id, message);
            case "unsubscribe" -> unsubscribe(connection, id, message);
            default ->
                problem(
                        connection,
                        id,
                        Problems.UNKNOWN_MESSAGE_TYPE.detail("unknown message type \"" + printable(type)
                                + "\"; send one of decide, subscribe, unsubscribe"));
        }
    }

    /**
     * A message the strict read refused (a key given twice, say). If its outer object is still
     * one JSON object with each key once, its id is the client's and is answered; and if the
     * refusal lies in a decide's application, the answer is the one {@code POST /v1/decisions}
     * gives for that application as its body (the same fields, pointers and detail, relative to
     * the application). Otherwise nothing in the message can be trusted, not even its id.
     */
    private void refusedWhole(Connection connection, byte[] text, JsonRequests.Refused refused) {
        Envelope envelope = envelope(text);
        if (envelope == null) {
            problem(connection, null, refused.problem());
            return;
        }
        String id = validId(envelope.id()) ? envelope.id() : null;
        if ("decide".equals(envelope.type()) && envelope.application() != null) {
            try {
                requests.tree(envelope.application());
            } catch (JsonRequests.Refused inApplication) {
                problem(connection, id, inApplication.problem());
                return;
            }
        }
        problem(connection, id, refused.problem());
    }

    /** The outer object of a message: its type, its id, and the text of an application that is an object or array. */
    private record Envelope(String type, String id, byte[] application) {}

    /** The message's outer object read key by key, values skipped; null unless it is one JSON object with each key once. */
    private Envelope envelope(byte[] text) {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Set<String> names = new HashSet<>();
            String type = null;
            String id = null;
            byte[] application = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                if (token != JsonToken.PROPERTY_NAME || !names.add(name)) {
                    return null;
                }
                JsonToken value = parser.nextToken();
                if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                    type = parser.getString();
                } else if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                    id = parser.getString();
                } else if ("application".equals(name)
                        && (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    long end = parser.currentLocation().getByteOffset();
                    if (start < 0 || end <= start || end > text.length) {
                        return null;
                    }
                    application = Arrays.copyOfRange(text, (int) start, (int) end);
                } else {
                    parser.skipChildren();
                }
            }
            return parser.nextToken() == null ? new Envelope(type, id, application) : null;
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private static boolean validId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
    }

    private void decide(Connection connection, String id, JsonNode message) {
        if (!unknownFields(connection, id, message, DECIDE_FIELDS)) {
            return;
        }
        if (connection.subscribeOnly) {
            problem(
                    connection,
                    id,
                    Problems.ROLE_NOT_ALLOWED.detail("the console's live feed only subscribes; decisions are made "
                            + "with a signed client on " + PATH + " or POST /v1/decisions"));
            return;
        }
        if (connection.caller.role() != Role.ORIGINATOR) {
            problem(connection, id, roleNotAllowed(connection, "decide", "originator"));
            return;
        }
        if (id == null) {
            problem(
                    connection,
                    null,
                    invalid(
                            "id",
                            "is required",
                            "a string of 1 to " + MAX_ID_LENGTH
                                    + " characters that matches the answer to this message"));
            return;
        }
        JsonNode application = message.get("application");
        if (application == null) {
            problem(
                    connection,
                    id,
                    invalid("application", "is required", "the same JSON object as the body of POST /v1/decisions"));
            return;
        }
        // each decide spends the client's request budget, as each POST /v1/decisions does
        OptionalLong wait = rateLimits.acquire(connection.caller.clientId());
        if (wait.isPresent()) {
            ProblemDetail problem = Problems.RATE_LIMITED.detail("Client " + connection.caller.clientId()
                    + " sent more than " + rateLimits.limitPerPeriod() + " requests in one period; retry after "
                    + wait.getAsLong() + " second(s).");
            problem.setProperty("retryAfter", wait.getAsLong());
            problem(connection, id, problem);
            return;
        }
        if (connection.inFlight.incrementAndGet() > limits.maxInFlight()) {
            connection.inFlight.decrementAndGet();
            ProblemDetail problem = Problems.TOO_MANY_IN_FLIGHT.detail("this connection already has "
                    + limits.maxInFlight() + " decisions in flight; this message was not decided, send it again "
                    + "after an answer arrives");
            problem.setProperty("maxInFlight", limits.maxInFlight());
            problem(connection, id, problem);
            return;
        }
        try {
            deciders.execute(() -> {
                try {
                    DecisionRequest request = requests.read(application, DecisionRequest.class);
                    var answer = intake.decide(request, connection.caller);
                    Map<String, Object> decision = new LinkedHashMap<>();
                    decision.put("type", "decision");
                    decision.put("id", id);
                    decision.put("status", answer.created() ? 201 : 200);
                    decision.put("decision", answer.decision());
                    send(connection, decision);
                } catch (Exception refused) {
                    problem(connection, id, requests.problem(refused));
                } finally {
                    connection.inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException busy) {
            connection.inFlight.decrementAndGet();
            problem(
                    connection,
                    id,
                    Problems.STREAM_BUSY.detail("every decision thread is busy and the queue is "
                            + "full; this message was not decided, send it again shortly"));
        }
    }

    private void subscribe(Connection connection, String id, JsonNode message) {
        if (!unknownFields(connection, id, message, SUBSCRIBE_FIELDS)) {
            return;
        }
        if (connection.caller.role() != Role.AUDITOR && connection.caller.role() != Role.REVIEWER) {
            problem(connection, id, roleNotAllowed(connection, "subscribe", "auditor, reviewer"));
            return;
        }
        JsonNode filterNode = message.get("filter");
        FeedFilter filter;
        try {
            filter = filterNode == null || filterNode.isNull()
                    ? FeedFilter.EVERYTHING
                    : requests.read(filterNode, FeedFilter.class);
        } catch (JsonRequests.Refused refused) {
            problem(connection, id, refused.problem());
            return;
        }
        connection.subscription = filter;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", "subscribed");
        answer.put("id", id);
        answer.put("filter", filter);
        send(connection, answer);
    }

    private void unsubscribe(Connection connection, String id, JsonNode message) {
        if (!unknownFields(connection, id, message, UNSUBSCRIBE_FIELDS)) {
            return;
        }
        connection.subscription = null;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", "unsubscribed");
        answer.put("id", id);
        send(connection, answer);
    }

    /** Whether anyone subscribes to the live feed now. */
    boolean feeding() {
        return connections.values().stream().anyMatch(c -> c.subscription != null);
    }

    /** Sends a committed decision to every subscriber whose filter it matches, masked for the subscriber's role. */
    void committed(java.util.UUID decisionId) {
        if (!feeding()) {
            return;
        }
        StoredDecision stored = intake.stored(decisionId).orElse(null);
        if (stored == null) {
            return;
        }
        Map<Role, DecisionResponse> views = new EnumMap<>(Role.class);
        for (Connection connection : connections.values()) {
            FeedFilter filter = connection.subscription;
            if (filter != null && filter.matches(stored)) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "committed");
                event.put(
                        "decision", views.computeIfAbsent(connection.caller.role(), role -> intake.view(stored, role)));
                send(connection, event);
            }
        }
    }

    private boolean unknownFields(Connection connection, String id, JsonNode message, Set<String> known) {
        List<FieldProblem> unknown = new ArrayList<>();
        for (String name : message.propertyNames()) {
            if (!known.contains(name)) {
                unknown.add(FieldProblem.of(
                        printable(name),
                        "is not a field of this message",
                        "one of " + String.join(", ", known.stream().sorted().toList())));
            }
        }
        if (unknown.isEmpty()) {
            return true;
        }
        problem(
                connection,
                id,
                Problems.INVALID_REQUEST.detail(
                        unknown.size() + " invalid field"
                                + (unknown.size() == 1 ? "" : "s") + ": "
                                + String.join(
                                        ", ",
                                        unknown.stream()
                                                .map(FieldProblem::field)
                                                .toList()),
                        unknown));
        return false;
    }

    private static ProblemDetail invalid(String field, String reason, String allowed) {
        return Problems.INVALID_REQUEST.detail(
                "1 invalid field: " + field, List.of(FieldProblem.of(field, reason, allowed)));
    }

    private static ProblemDetail roleNotAllowed(Connection connection, String what, String roles) {
        return Problems.ROLE_NOT_ALLOWED.detail(
                "Role " + connection.caller.role().wire() + " may not " + what + " on " + PATH + "; allowed roles: "
                        + roles + ".");
    }

    private void problem(Connection connection, String id, ProblemDetail problem) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(PATH));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.getType().toString());
        document.put("title", problem.getTitle());
        document.put("status", problem.getStatus());
        document.put("detail", problem.getDetail());
        document.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            document.putAll(problem.getProperties());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "problem");
        message.put("id", id);
        message.put("problem", document);
        send(connection, message);
    }

    private void send(Connection connection, Map<String, Object> message) {
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (RuntimeException e) {
            log.error("stream message could not be written", e);
            return;
        }
        try {
            connection.out.sendMessage(new TextMessage(text));
        } catch (SessionLimitExceededException slow) {
            close(connection, SLOW_READER);
        } catch (IOException failed) {
            // a write to an open connection failed or timed out (a client that does not read)
            if (connection.session.isOpen()) {
                close(connection, SLOW_READER);
            }
        } catch (IllegalStateException closed) {
            log.debug("stream {} send failed: {}", connection.session.getId(), closed.toString());
        }
    }

    private void pingOrClose() {
        long idleNanos = limits.idleTimeout().toNanos();
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            try {
                if (now - connection.lastHeard.get() > idleNanos) {
                    close(connection, IDLE);
                } else {
                    connection.out.sendMessage(new PingMessage(ByteBuffer.wrap(new byte[] {'a'})));
                }
            } catch (SessionLimitExceededException slow) {
                close(connection, SLOW_READER);
            } catch (Exception e) {
                log.debug("stream {} ping failed: {}", connection.session.getId(), e.toString());
            }
        }
    }

    /** Closes the connection itself (not its send buffer, which may be full): the close code is the one documented. */
    private void close(Connection connection, CloseStatus status) {
        if (connections.remove(connection.session.getId()) == null) {
            return;
        }
        log.info(
                "stream {} of client {} closed: {}",
                connection.session.getId(),
                connection.caller.clientId(),
                status.getReason());
        try {
            connection.session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("stream {} close: {}", connection.session.getId(), e.toString());
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    void shutdown() {
        pinger.shutdownNow();
        deciders.shutdown();
        try {
            // decisions already started finish and commit; their clients resend and get them as replays
            if (!deciders.awaitTermination(30, TimeUnit.SECONDS)) {
                deciders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
