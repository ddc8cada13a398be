package dev.arbiter.decision;

import java.util.List;

/** Port: asks every model an application needs and returns all their answers, failures included. */
public interface ModelEnsemble {

    List<ModelScore> assess(Application application, Features features);

    /** The version of the ensemble's configuration (e.g. a content hash), recorded with each decision. */
    default String version() {
        return "unversioned";
    }
}
