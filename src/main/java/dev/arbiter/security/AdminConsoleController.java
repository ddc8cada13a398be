package dev.arbiter.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's admin screens, for admins only: people (create with a one-time password shown
 * once, change role, disable or enable, unlock, a new one-time password) and API clients with
 * their keys (create, issue, rotate, revoke, link to a person). The same services as
 * {@code /v1/admin}; every action is recorded in {@link AdminActions} under the admin's actor.
 * A new password or secret is rendered once, in the answer to the POST that made it, and
 * never stored or logged in clear.
 */
@Controller
@RequestMapping("/console/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminConsoleController {

    /** A person as the list shows them: locked is computed against the clock. */
    record PersonRow(Person person, boolean locked) {}

    /** A client with its keys, for the list. */
    record ClientRow(KeyStore.StoredClient client, List<KeyStore.StoredKey> keys) {}

    private static final int RECENT = 30;

    private final People people;
    private final Clients clients;
    private final AdminActions actions;
    private final KeyEnvironment environment;
    private final Clock clock;

    AdminConsoleController(
            People people, Clients clients, AdminActions actions, RequestVerifier verifier, Clock clock) {
        this.people = people;
        this.clients = clients;
        this.actions = actions;
        this.environment = verifier.environment();
        this.clock = clock;
    }

    @GetMapping
    String admin() {
        return "redirect:/console/admin/people";
    }

    // --- people

    @GetMapping("/people")
    String people(Model model) {
        Instant now = clock.instant();
        model.addAttribute(
                "people",
                people.all().stream()
                        .map(p -> new PersonRow(p, p.lockedUntil() != null && now.isBefore(p.lockedUntil())))
                        .toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("actions", actions.recent(RECENT));
        return "console/admin/people";
    }

    @PostMapping("/people")
    String create(
            @RequestParam(defaultValue = "") String userName,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String role,
            Caller caller,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Optional<Role> chosen = role(role);
        String password = People.oneTimePassword();
        try {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("choose a role: one of " + roleNames());
            }
            if (displayName.length() > 200) {
                throw new IllegalArgumentException(
                        "the display name has " + displayName.length() + " characters; it may have at most 200");
            }
            Person created = people.create(userName, displayName, chosen.get(), password, true, caller.actor());
            actions.record(
                    caller,
                    "person created",
                    created.userName(),
                    "role " + created.role().wire());
            model.addAttribute("person", created);
            model.addAttribute("password", password);
            model.addAttribute("created", true);
            return "console/admin/one-time-password";
        } catch (IllegalArgumentException | org.springframework.dao.DuplicateKeyException refused) {
            String why = refused instanceof IllegalArgumentException
                    ? refused.getMessage()
                    : "user name '" + userName.trim().toLowerCase(Locale.ROOT) + "' is taken; choose another";
            model.addAttribute("error", "The person was not created: " + why + ".");
            model.addAttribute("form", new String[] {userName, displayName, role});
            response.setStatus(422);
            return people(model);
        }
    }

    @PostMapping("/people/{userName}/role")
    String changeRole(
            @PathVariable String userName,
            @RequestParam(defaultValue = "") String role,
            Caller caller,
            RedirectAttributes redirect) {
        Optional<Role> chosen = role(role);
        if (chosen.isEmpty()) {
            return refused(redirect, "The role was not changed: choose one of " + roleNames() + ".");
        }
        if (userName.equals(caller.person())) {
            return refused(
                    redirect, "You cannot change your own role: another admin can, so that an admin always remains.");
        }
        Person before = person(userName);
        if (before == null) {
            return refused(redirect, "No person named " + userName + ".");
        }
        people.changeRole(userName, chosen.get());
        actions.record(
                caller,
                "role changed",
                userName,
                before.role().wire() + " to " + chosen.get().wire());
        return done(redirect, userName + " is now " + chosen.get().wire() + ".");
    }

    @PostMapping("/people/{userName}/disable")
    String disable(@PathVariable String userName, Caller caller, RedirectAttributes redirect) {
        if (userName.equals(caller.person())) {
            return refused(redirect, "You cannot disable yourself: another admin can.");
        }
        if (!people.setDisabled(userName, true)) {
            return refused(redirect, "No person named " + userName + ".");
        }
        actions.record(caller, "person disabled", userName, null);
        return done(redirect, userName + " is disabled: sign-in is refused and open sessions end.");
    }

    @PostMapping("/people/{userName}/enable")
    String enable(@PathVariable String userName, Caller caller, RedirectAttributes redirect) {
        if (!people.setDisabled(userName, false)) {
            return refused(redirect, "No person named " + userName + ".");
        }
        actions.record(caller, "person enabled", userName, null);
        return done(redirect, userName + " may sign in again.");
    }

    @PostMapping("/people/{userName}/unlock")
    String unlock(@PathVariable String userName, Caller caller, RedirectAttributes redirect) {
        if (!people.unlock(userName)) {
            return refused(redirect, "No person named " + userName + ".");
        }
        actions.record(caller, "person unlocked", userName, null);
        return done(redirect, userName + " is unlocked.");
    }

    @PostMapping("/people/{userName}/password")
    String resetPassword(@PathVariable String userName, Caller caller, Model model, RedirectAttributes redirect) {
        Optional<String> password = people.resetPassword(userName);
        if (password.isEmpty()) {
            return refused(redirect, "No person named " + userName + ".");
        }
        actions.record(caller, "one-time password given", userName, null);
        model.addAttribute("person", person(userName));
        model.addAttribute("password", password.get());
        model.addAttribute("created", false);
        return "console/admin/one-time-password";
    }

    // --- clients and keys

    @GetMapping("/clients")
    String clients(Model model) {
        model.addAttribute(
                "clients",
                clients.all().stream()
                        .map(c -> new ClientRow(c, clients.keys(c.clientId())))
                        .toList());
        model.addAttribute("people", people.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("environments", KeyEnvironment.values());
        model.addAttribute("environment", environment);
        return "console/admin/clients";
    }

    @PostMapping("/clients")
    String createClient(@RequestParam(defaultValue = "") String name, Caller caller, RedirectAttributes redirect) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            return refusedClients(redirect, "The client was not created: its name must have 1 to 200 characters.");
        }
        var client = clients.create(trimmed);
        actions.record(caller, "client created", client.clientId(), client.name());
        redirect.addFlashAttribute("notice", "Client " + client.clientId() + " created; issue it a key below.");
        return "redirect:/console/admin/clients#" + client.clientId();
    }

    @PostMapping("/clients/{clientId}/keys")
    String issue(
            @PathVariable String clientId,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String environment,
            Caller caller,
            Model model,
            RedirectAttributes redirect) {
        if (clients.client(clientId).isEmpty()) {
            return refusedClients(redirect, "No client with id " + clientId + ".");
        }
        Optional<Role> chosen = role(role);
        Optional<KeyEnvironment> env = environment(environment);
        if (chosen.isEmpty() || env.isEmpty()) {
            return refusedClients(
                    redirect,
                    "No key was issued: choose a role (" + roleNames() + ") and an environment (sandbox, production).");
        }
        var key = clients.issue(clientId, chosen.get(), env.get(), null, null);
        actions.record(
                caller,
                "key issued",
                key.keyId(),
                "client " + clientId + ", role " + key.role().wire() + ", "
                        + key.environment().wire());
        model.addAttribute("key", key);
        model.addAttribute("client", clients.client(clientId).orElseThrow());
        return "console/admin/secret";
    }

    /** Issues a key like this one (same client, role, environment) and revokes this one at once. */
    @PostMapping("/keys/{keyId}/rotate")
    String rotate(@PathVariable String keyId, Caller caller, Model model, RedirectAttributes redirect) {
        var old = clients.key(keyId).orElse(null);
        if (old == null) {
            return refusedClients(redirect, "No key with id " + keyId + ".");
        }
        if (old.revokedAt() != null) {
            return refusedClients(redirect, "Key " + keyId + " is already revoked; issue a new key instead.");
        }
        var key = clients.issue(old.clientId(), old.role(), old.environment(), null, old.notAfter());
        clients.revoke(keyId);
        actions.record(caller, "key rotated", keyId, "replaced by " + key.keyId() + ", revoked");
        actions.record(
                caller,
                "key issued",
                key.keyId(),
                "client " + old.clientId() + ", role " + key.role().wire() + ", "
                        + key.environment().wire());
        model.addAttribute("key", key);
        model.addAttribute("replaced", keyId);
        model.addAttribute("client", clients.client(old.clientId()).orElseThrow());
        return "console/admin/secret";
    }

    @PostMapping("/keys/{keyId}/revoke")
    String revoke(@PathVariable String keyId, Caller caller, RedirectAttributes redirect) {
        var key = clients.key(keyId).orElse(null);
        if (key == null) {
            return refusedClients(redirect, "No key with id " + keyId + ".");
        }
        if (key.revokedAt() != null) {
            return refusedClients(redirect, "Key " + keyId + " was already revoked at " + key.revokedAt() + ".");
        }
        clients.revoke(keyId);
        actions.record(caller, "key revoked", keyId, null);
        redirect.addFlashAttribute("notice", "Key " + keyId + " is revoked: requests signed with it are refused.");
        return "redirect:/console/admin/clients#" + key.clientId();
    }

    @PostMapping("/clients/{clientId}/person")
    String link(
            @PathVariable String clientId,
            @RequestParam(defaultValue = "") String person,
            Caller caller,
            RedirectAttributes redirect) {
        String userName = null;
        if (!person.isBlank()) {
            Person found = person(person);
            if (found == null) {
                return refusedClients(redirect, "The client was not linked: no person named " + person + ".");
            }
            userName = found.userName();
        }
        if (!clients.linkPerson(clientId, userName)) {
            return refusedClients(redirect, "No client with id " + clientId + ".");
        }
        actions.record(
                caller,
                userName == null ? "client unlinked" : "client linked",
                clientId,
                userName == null ? null : "acts for " + userName);
        redirect.addFlashAttribute(
                "notice",
                userName == null
                        ? "Client " + clientId + " acts for no person."
                        : "Client " + clientId + " acts for " + userName + ": its requests are recorded as theirs.");
        return "redirect:/console/admin/clients#" + clientId;
    }

    // ---

    private Person person(String userName) {
        return people.find(userName).orElse(null);
    }

    private static Optional<Role> role(String wire) {
        return Arrays.stream(Role.values()).filter(r -> r.wire().equals(wire)).findFirst();
    }

    private static Optional<KeyEnvironment> environment(String wire) {
        return Arrays.stream(KeyEnvironment.values())
                .filter(e -> e.wire().equals(wire))
                .findFirst();
    }

    private static String roleNames() {
        return String.join(", ", Arrays.stream(Role.values()).map(Role::wire).toList());
    }

    private static String done(RedirectAttributes redirect, String notice) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/console/admin/people";
    }

    private static String refused(RedirectAttributes redirect, String error) {
        redirect.addFlashAttribute("error", error);
        return "redirect:/console/admin/people";
    }

    private static String refusedClients(RedirectAttributes redirect, String error) {
        redirect.addFlashAttribute("error", error);
        return "redirect:/console/admin/clients";
    }
}
