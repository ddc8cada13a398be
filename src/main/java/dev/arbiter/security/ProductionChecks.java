package dev.arbiter.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Checks the production profile makes of secret files, shared by the modules that read one. */
public final class ProductionChecks {

    private ProductionChecks() {}

    /**
     * Refuses a secret file that any user of the machine may read.
     *
     * @param what    what the file holds, e.g. "the master key file"
     * @param setting the setting that names it, e.g. {@code ARBITER_MASTER_KEY_FILE}
     */
    public static void notWorldReadable(Path file, String what, String setting) {
        Set<PosixFilePermission> permissions;
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) {
                return; // no POSIX permissions to read on this file system; its ACLs are the operator's to keep
            }
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + what + " " + file, e);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ProductionRefusedException(
                    what + " " + file.toAbsolutePath() + " (" + setting + ") is readable by every user of this machine",
                    "Make it readable by Arbiter's user only: chmod 600 " + file.toAbsolutePath()
                            + " (and chown it to that user), then start again.");
        }
    }
}
