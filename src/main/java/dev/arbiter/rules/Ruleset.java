package dev.arbiter.rules;

import dev.arbiter.hashing.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one ruleset, by relative path ({@code /}-separated), and the version that
 * names them.
 *
 * <p>The version is the hex SHA-256 of a canonical form: the ASCII tag
 * {@code arbiter-ruleset-v1}, then for each file in ascending order of its path's UTF-8
 * bytes, the path's byte length (8 bytes, big-endian), the path's UTF-8 bytes, the content's
 * length (8 bytes, big-endian) and the content. Same files, same version, on any machine and
 * file system.
 *
 * <p>{@link #load} leaves out a folder's {@code cases/} subfolder and hidden files: golden
 * cases test a ruleset without changing what it decides. A version as analysts author, store
 * and approve it ({@link #loadWithCases}, or {@link #of} with {@code cases/...} paths) counts
 * its cases in the hash: approval covers the evidence as well as the rules, and a version's
 * test result is a function of its version alone.
 */
public final class Ruleset {

    static final String CASES_FOLDER = "cases";
    private static final byte[] TAG = "arbiter-ruleset-v1".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> files;
    private final String version;

    private Ruleset(Map<String, byte[]> files) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(Ruleset::compareUtf8);
        files.forEach((path, bytes) -> sorted.put(normalise(path), bytes.clone()));
        this.files = Collections.unmodifiableMap(sorted);
        this.version = hash(this.files);
    }

    public static Ruleset of(Map<String, byte[]> files) {
        return new Ruleset(files);
    }

    public static Ruleset load(Path folder) {
        return load(folder, false);
    }

    /** The folder as an authored version: its rules and its golden cases under {@code cases/}. */
    public static Ruleset loadWithCases(Path folder) {
        return load(folder, true);
    }

    private static Ruleset load(Path folder, boolean withCases) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = folder.relativize(file);
                if ((!withCases && relative.startsWith(CASES_FOLDER)) || isHidden(relative)) {
                    continue;
                }
                files.put(
                        relative.toString().replace(file.getFileSystem().getSeparator(), "/"),
                        Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ruleset folder " + folder, e);
        }
        return new Ruleset(files);
    }

    /** A copy with one file added or replaced. */
    public Ruleset with(String path, byte[] content) {
        Map<String, byte[]> copy = new TreeMap<>(files);
        copy.put(path, content);
        return new Ruleset(copy);
    }

    public String version() {
        return version;
    }

    public java.util.Set<String> paths() {
        return files.keySet();
    }

    /** A copy of every file, by path. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> copy = new TreeMap<>(Ruleset::compareUtf8);
        files.forEach((path, bytes) -> copy.put(path, bytes.clone()));
        return copy;
    }

    public byte[] content(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            throw new IllegalArgumentException("no file " + path + " in ruleset " + version);
        }
        return bytes.clone();
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty() || Arrays.asList(p.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a relative ruleset path: " + path);
        }
        return p;
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(Map<String, byte[]> files) {
        MessageDigest sha = Digests.newSha256();
        sha.update(TAG);
        files.forEach((path, bytes) -> {
            byte[] name = path.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(name.length).array());
            sha.update(name);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            sha.update(bytes);
        });
        return Digests.hex(sha.digest());
    }
}
