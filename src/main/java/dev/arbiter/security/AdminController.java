package dev.arbiter.security;

import dev.arbiter.web.DateRange;
import dev.arbiter.web.InvalidFieldException;
import dev.arbiter.web.ResourceNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Clients and keys, for admins: create a client, issue a key (its secret shown once), revoke a key, list. */
@RestController
@RequestMapping(path = "/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminController {

    record NewClient(@NotBlank @Size(max = 200) String name) {}

    /**
     * @param environment sandbox or production; defaults to this Arbiter's own
     * @param notBefore   defaults to now
     * @param notAfter    no expiry when absent
     */
    record NewKey(
            @NotNull @Pattern(regexp = "originator|analyst|approver|auditor|reviewer|admin")
            String role,

            @Pattern(regexp = "sandbox|production") String environment,
            Instant notBefore,
            Instant notAfter) {}

    record ClientView(String clientId, String name, Instant createdAt, String person, List<KeyView> keys) {}

    /** @param person the user name of the person the client acts for; null to unlink */
    record PersonLink(@Size(max = 64) String person) {}

    record KeyView(
            String keyId, String role, String environment, Instant notBefore, Instant notAfter, Instant revokedAt) {
        static KeyView of(KeyStore.StoredKey k) {
            return new KeyView(
                    k.keyId(), k.role().wire(), k.environment().wire(), k.notBefore(), k.notAfter(), k.revokedAt());
        }
    }

    /** The answer to issuing a key: the only time the secret is shown. */
    record IssuedKeyView(
            String clientId,
            String keyId,
            String role,
            String environment,
            Instant notBefore,
            Instant notAfter,
            String secret) {}

    private final Clients clients;
    private final People people;
    private final AdminActions actions;
    private final KeyEnvironment environment;

    AdminController(Clients clients, People people, AdminActions actions, RequestVerifier verifier) {
        this.clients = clients;
        this.people = people;
        this.actions = actions;
        this.environment = verifier.environment();
    }

    @PostMapping(path = "/clients", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> create(@Valid @RequestBody NewClient request, Caller caller) {
        var client = clients.create(request.name());
        actions.record(caller, "client created", client.clientId(), client.name());
        return ResponseEntity.created(URI.create("/v1/admin/clients/" + client.clientId()))
                .body(new ClientView(client.clientId(), client.name(), client.createdAt(), null, List.of()));
    }

    @GetMapping("/clients")
    List<ClientView> list() {
        return clients.all().stream()
                .map(c -> new ClientView(
                        c.clientId(),
                        c.name(),
                        c.createdAt(),
                        c.person(),
                        clients.keys(c.clientId()).stream().map(KeyView::of).toList()))
                .toList();
    }

    @PostMapping(path = "/clients/{clientId}/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedKeyView> issue(
            @PathVariable String clientId, @Valid @RequestBody NewKey request, Caller caller) {
        if (clients.client(clientId).isEmpty()) {
            throw new ResourceNotFoundException("no client with id " + clientId);
        }
        for (var bound : new Object[][] {{"notBefore", request.notBefore()}, {"notAfter", request.notAfter()}}) {
            if (bound[1] instanceof Instant instant && !DateRange.contains(instant)) {
                throw new InvalidFieldException(
                        (String) bound[0], DateRange.OUTSIDE, "an ISO-8601 instant " + DateRange.ALLOWED);
            }
        }
        if (request.notBefore() != null
                && request.notAfter() != null
                && !request.notAfter().isAfter(request.notBefore())) {
            throw new InvalidFieldException("notAfter", "is not after notBefore", "an instant after notBefore");
        }
        var key = clients.issue(
                clientId,
                Role.fromWire(request.role()),
                request.environment() == null ? environment : KeyEnvironment.fromWire(request.environment()),
                request.notBefore(),
                request.notAfter());
        actions.record(
                caller,
                "key issued",
                key.keyId(),
                "client " + clientId + ", role " + key.role().wire() + ", "
                        + key.environment().wire());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new IssuedKeyView(
                        key.clientId(),
                        key.keyId(),
                        key.role().wire(),
                        key.environment().wire(),
                        key.notBefore(),
                        key.notAfter(),
                        key.secret()));
    }

    /**
     * Makes the client act for a person: its signed requests are then recorded as that person's,
     * and four eyes treat them as the person's (who cannot approve what they authored, through
     * the console or a client). A null person unlinks the client.
     */
    @PostMapping(path = "/clients/{clientId}/person", consumes = MediaType.APPLICATION_JSON_VALUE)
    ClientView linkPerson(@PathVariable String clientId, @Valid @RequestBody PersonLink request, Caller caller) {
        String person = request.person();
        if (person != null && people.find(person).isEmpty()) {
            throw new InvalidFieldException("person", "names no person", "the user name of a person, or null");
        }
        String userName =
                person == null ? null : people.find(person).orElseThrow().userName();
        if (!clients.linkPerson(clientId, userName)) {
            throw new ResourceNotFoundException("no client with id " + clientId);
        }
        actions.record(
                caller,
                userName == null ? "client unlinked" : "client linked",
                clientId,
                userName == null ? null : "acts for " + userName);
        var c = clients.client(clientId).orElseThrow();
        return new ClientView(
                c.clientId(),
                c.name(),
                c.createdAt(),
                c.person(),
                clients.keys(clientId).stream().map(KeyView::of).toList());
    }

    @PostMapping("/keys/{keyId}/revoke")
    KeyView revoke(@PathVariable String keyId, Caller caller) {
        if (!clients.revoke(keyId)) {
            throw new ResourceNotFoundException("no key with id " + keyId);
        }
        actions.record(caller, "key revoked", keyId, null);
        return KeyView.of(clients.key(keyId).orElseThrow());
    }
}
