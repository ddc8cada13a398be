package dev.arbiter;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Writes Spring Modulith's documentation of the modules (component diagrams, one canvas per
 * module) to {@code docs/modules}; README gives the command.
 */
public final class ModuleDocumentation {

    private ModuleDocumentation() {}

    public static void main(String[] args) {
        String folder = args.length > 0 ? args[0] : "docs/modules";
        new Documenter(
                        ApplicationModules.of(ArbiterApplication.class),
                        Documenter.Options.defaults().withOutputFolder(folder))
                .writeDocumentation();
    }
}
