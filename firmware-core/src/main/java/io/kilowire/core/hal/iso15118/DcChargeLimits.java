package io.kilowire.core.hal.iso15118;

/**
 * ISO 15118-20 DC EVSEMaximumChargePower (W) and EVSEMaximumChargeCurrent (A) for a ChargeLoopRes
 * (SPEC-FACTS F.2).
 *
 * @param maximumChargePower in W
 * @param maximumChargeCurrent in A
 */
public record DcChargeLimits(
    RationalNumber maximumChargePower, RationalNumber maximumChargeCurrent) {}
