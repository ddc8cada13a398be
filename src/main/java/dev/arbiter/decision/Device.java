package dev.arbiter.decision;

/** What the fraud model sees of the channel the application came through. */
public record Device(String ipCountry, Integer deviceAgeDays, Integer emailAgeDays) {}
