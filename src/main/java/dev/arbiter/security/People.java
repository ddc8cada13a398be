package dev.arbiter.security;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * People who sign in to the console (table {@code person}): creating them, checking a
 * password with the lockout after repeated failures, and changing a password under the
 * password policy. Passwords are kept only as Argon2id hashes.
 */
public final class People {

    /** Lowercase letters, digits, dot, dash and underscore; 2 to 64 characters. */
    public static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The outcome of a sign-in attempt; callers tell the visitor the same thing for every refusal. */
    public sealed interface SignIn {}

    public record SignedIn(Person person) implements SignIn {}

    /** Wrong user name or password, locked, or disabled: deliberately not told apart to the visitor. */
    public record Refused(String why) implements SignIn {}

    private final JdbcClient jdbc;
    private final Clock clock;
    static final PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final int lockoutFailures;
    private final Duration lockoutDuration;
    /**
     * Checked against when the user name is unknown, so an unknown name costs as much as a wrong
     * password: an Argon2id hash, with the encoder's parameters, of a random password that was
     * thrown away. It only costs time (an unknown name is refused whatever it matches), so it is
     * a constant rather than a hash made at every start (run in the interpreter there, it cost a
     * warm restart more than a second of a slow 2-core host, docs/benchmarks.md); {@code
     * PeopleTest} fails if the encoder's parameters move away from it.
     */
    static final String DECOY_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$NtUpj6CSyjCB3NTDSHrxvQ$4DalhuzUfVk/+MqOHNJkzx0o0G+7vy0sneY31AFBl9s";

    public People(JdbcClient jdbc, Clock clock, PeopleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lockoutFailures = properties.lockoutFailures();
        this.lockoutDuration = properties.lockoutDuration();
    }

    public boolean none() {
        return jdbc.sql("select count(*) from person").query(Long.class).single() == 0;
    }

    public Optional<Person> find(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from person where user_name = ?")
                .param(userName.trim().toLowerCase(Locale.ROOT))
                .query(People::map)
                .optional();
    }

    public List<Person> all() {
        return jdbc.sql("select * from person order by user_name")
                .query(People::map)
                .list();
    }

    /**
     * Creates a person; throws {@link IllegalArgumentException} naming what is wrong with the
     * user name or password.
     *
     * @param mustChangePassword true for a password someone else chose (the person changes it at first sign-in)
     * @param createdBy          the actor who created the person
     */
    public Person create(
            String userName,
            String displayName,
            Role role,
            String password,
            boolean mustChangePassword,
            String createdBy) {
        String name = userName == null ? "" : userName.trim().toLowerCase(Locale.ROOT);
        if (!USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' is not valid: use 2 to 64 lowercase letters, "
                    + "digits, dots, dashes or underscores, starting with a letter or digit");
        }
        List<String> problems = passwordProblems(name, password);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        jdbc.sql("""
                insert into person (user_name, display_name, role, password_hash, must_change_password, created_at,
                    created_by)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        name,
                        displayName == null || displayName.isBlank() ? name : displayName.trim(),
                        role.name(),
                        ENCODER.encode(password),
                        mustChangePassword,
                        Timestamp.from(clock.instant()),
                        createdBy)
                .update();
        return find(name).orElseThrow();
    }

    /**
     * Checks a sign-in. A locked or disabled person is refused without looking at the password;
     * each wrong password counts, and the {@code lockoutFailures}-th in a row locks the person for
     * {@code lockoutDuration}. A right password clears the count.
     */
    public SignIn signIn(String userName, String password) {
        Optional<Person> found = find(userName);
        if (found.isEmpty()) {
            ENCODER.matches(password == null ? "" : password, DECOY_HASH);
            return new Refused("no such person");
        }
        Person person = found.get();
        Instant now = clock.instant();
        if (person.disabled()) {
            return new Refused("disabled");
        }
        if (person.lockedUntil() != null && now.isBefore(person.lockedUntil())) {
            return new Refused("locked until " + person.lockedUntil());
        }
        String hash = jdbc.sql("select password_hash from person where user_name = ?")
                .param(person.userName())
                .query(String.class)
                .single();
        if (password != null && ENCODER.matches(password, hash)) {
            jdbc.sql("update person set failed_attempts = 0, locked_until = null where user_name = ?")
                    .param(person.userName())
                    .update();
            return new SignedIn(find(person.userName()).orElseThrow());
        }
        // one statement, so concurrent failures cannot undercount
        jdbc.sql("""
                update person set
                    failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end,
                    locked_until = case when failed_attempts + 1 >= ? then cast(? as timestamptz) else null end
                where user_name = ?
                """)
                .params(lockoutFailures, lockoutFailures, Timestamp.from(now.plus(lockoutDuration)), person.userName())
                .update();
        return new Refused("wrong password");
    }

    /** Ends a lock at once (an admin's unlock); false when no such person. */
    public boolean unlock(String userName) {
        return jdbc.sql("update person set failed_attempts = 0, locked_until = null where user_name = ?")
                        .param(userName)
                        .update()
                == 1;
    }

    /** Gives a person another role; false when no such person. Their open sessions end at their next request. */
    public boolean changeRole(String userName, Role role) {
        return jdbc.sql("update person set role = ? where user_name = ?")
                        .params(role.name(), userName)
                        .update()
                == 1;
    }

    /** Disables a person (sign-in refused, open sessions end at their next request) or enables them again. */
    public boolean setDisabled(String userName, boolean disabled) {
        return jdbc.sql("update person set disabled = ? where user_name = ?")
                        .params(disabled, userName)
                        .update()
                == 1;
    }

    /**
     * Gives a person a new one-time password, which they must change at their next sign-in, and
     * ends a lock; returns it (to be shown once), or empty when no such person.
     */
    public Optional<String> resetPassword(String userName) {
        String password = oneTimePassword();
        int updated = jdbc.sql("""
                update person set password_hash = ?, must_change_password = true, failed_attempts = 0,
                    locked_until = null
                where user_name = ?
                """).params(ENCODER.encode(password), userName).update();
        return updated == 1 ? Optional.of(password) : Optional.empty();
    }

    /**
     * Changes a person's own password; empty when done, else every reason it was not (the
     * current password wrong, the new one against the policy).
     */
    public List<String> changePassword(String userName, String current, String next, String repeated) {
        List<String> problems = new ArrayList<>();
        Person person = find(userName).orElseThrow();
        String hash = jdbc.sql("select password_hash from person where user_name = ?")
                .param(person.userName())
                .query(String.class)
                .single();
        if (current == null || !ENCODER.matches(current, hash)) {
            problems.add("The current password is not right.");
        }
        problems.addAll(passwordProblems(person.userName(), next));
        if (next != null && current != null && next.equals(current)) {
            problems.add("The new password must differ from the current one.");
        }
        if (next != null && !next.equals(repeated)) {
            problems.add("The two new passwords differ; type the same one twice.");
        }
        if (problems.isEmpty()) {
            jdbc.sql("update person set password_hash = ?, must_change_password = false where user_name = ?")
                    .params(ENCODER.encode(next), person.userName())
                    .update();
        }
        return problems;
    }

    /** The password policy: at least {@value #MIN_PASSWORD_LENGTH} characters, not the user name. */
    public static List<String> passwordProblems(String userName, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            problems.add("The new password has " + (password == null ? 0 : password.length())
                    + " characters; it needs at least " + MIN_PASSWORD_LENGTH + ".");
        }
        if (password != null && userName != null && password.trim().equalsIgnoreCase(userName.trim())) {
            problems.add("The new password must not be the user name.");
        }
        return problems;
    }

    /** A random password of 20 characters from an alphabet without look-alikes (about 116 bits). */
    public static String oneTimePassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Person(
                rs.getString("user_name"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("must_change_password"),
                rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant(),
                rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }
}
