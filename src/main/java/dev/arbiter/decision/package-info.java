/**
 * The core of Arbiter: an application, the features derived from it, the model scores, the
 * rules' verdict and the guarded decision, with the ports through which scores, rules and
 * storage are reached. Plain JDK only; frameworks live in the adapters around it.
 */
package dev.arbiter.decision;
