package dev.arbiter.security;

/**
 * The authenticated actor behind a request: which client, with which key, in which role, and
 * the person behind it if any. A signed request from a client an admin linked to a person acts
 * as that person; a person signed in to the console acts as themselves
 * ({@link #person(String, Role)}). What services record and compare (four eyes) is
 * {@link #actor()}, so the same person is the same actor through either channel.
 *
 * @param clientId the API client, or {@code person:<user name>} for a console session
 * @param keyId    the signing key; null for a console session
 * @param person   the person's user name; null for a client no person owns
 */
public record Caller(String clientId, String keyId, Role role, String person) {

    /** The prefix of a person's actor name; client ids start with {@code c-}, so the two never meet. */
    public static final String PERSON_PREFIX = "person:";

    public Caller(String clientId, String keyId, Role role) {
        this(clientId, keyId, role, null);
    }

    /** A person signed in to the console, in the role stored for them. */
    public static Caller person(String userName, Role role) {
        return new Caller(PERSON_PREFIX + userName, null, role, userName);
    }

    /** Who acted: {@code person:<user name>} when a person is behind the request, else the client id. */
    public String actor() {
        return person == null ? clientId : PERSON_PREFIX + person;
    }
}
