package dev.arbiter.ensemble;

import java.util.Arrays;
import java.util.Optional;

/** How a model is reached: in process, or over the network through one of two protocols. */
public enum ModelType {
    SCORECARD("scorecard"),
    HTTP_JSON("http-json"),
    OPENAI_CHAT("openai-chat");

    private final String configName;

    ModelType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean remote() {
        return this != SCORECARD;
    }

    static Optional<ModelType> fromConfig(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }
}
