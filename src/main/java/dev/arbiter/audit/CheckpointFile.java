package dev.arbiter.audit;

import dev.arbiter.hashing.CanonicalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Signed checkpoints kept outside the database: one canonical JSON line per checkpoint,
 * appended and fsync'd before the signer moves on. Restoring or truncating the database
 * leaves this file ahead of it, which is what lets verify see a rollback that also took the
 * checkpoint table along. It lives on the same host, so it is a first line only: a witness
 * who fetches checkpoints ({@code GET /v1/audit/checkpoints}) keeps the copy an attacker of
 * this host cannot reach.
 */
public final class CheckpointFile {

    private final Path file;
    private final ObjectMapper json;

    public CheckpointFile(Path file, ObjectMapper json) {
        this.file = file.toAbsolutePath();
        this.json = json;
    }

    public Path path() {
        return file;
    }

    /** The line a checkpoint is kept as: the fields of its signed message plus the signature. */
    public static String line(Checkpoint c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("position", c.position());
        fields.put("headHash", c.headHash());
        fields.put("signedAt", c.signedAt().toString());
        fields.put("keyId", c.keyId());
        fields.put("signature", c.signature());
        return CanonicalJson.write(fields);
    }

    /** Appends the checkpoint and forces it (and, for a new file, its directory entry) to disk. */
    public synchronized void append(Checkpoint c) {
        try {
            boolean created = !Files.exists(file);
            Files.createDirectories(file.getParent());
            byte[] bytes = (line(c) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (created) {
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append the checkpoint to " + file, e);
        }
    }

    /** Every checkpoint in the file, in file order; none when there is no file yet. */
    public List<Checkpoint> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    checkpoints.add(parse(json.readTree(text), number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoints in " + file, e);
        }
        return checkpoints;
    }

    /**
     * A checkpoint as a witness holds it (a line of this file, or an item of
     * {@code GET /v1/audit/checkpoints}); it has no database id, so it is numbered by its place.
     */
    public static Checkpoint parse(JsonNode node, int place) {
        for (String field : List.of("position", "headHash", "signedAt", "keyId", "signature")) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("witnessed checkpoint " + place + " has no " + field);
            }
        }
        if (!node.get("position").canConvertToLong()) {
            throw new IllegalArgumentException(
                    "witnessed checkpoint " + place + " has a position that is not an integer");
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(node.get("signedAt").asString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "witnessed checkpoint " + place + " has a signedAt that is not an instant");
        }
        return new Checkpoint(
                -place,
                node.get("position").asLong(),
                node.get("headHash").asString(),
                signedAt,
                node.get("keyId").asString(),
                node.get("signature").asString());
    }
}
