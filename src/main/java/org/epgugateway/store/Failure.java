package org.epgugateway.store;

/**
 * Why a drop could not proceed, in the terms {@code error.json} and {@code status.json} use.
 *
 * @param stage the road's step: {@code intake}, {@code validate}, {@code submit}, {@code poll} or {@code result}
 * @param code a machine-readable code (EPGU's own code where EPGU gave one)
 * @param message what happened, in words an operator can act on
 */
public record Failure(String stage, String code, String message) {
}
