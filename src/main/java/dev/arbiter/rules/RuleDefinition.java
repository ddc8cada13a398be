package dev.arbiter.rules;

/** A rule of a compiled version, as its metadata names it. */
public record RuleDefinition(String ruleCode, String name, String reasonCode) {}
