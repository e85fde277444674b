package io.kilowire.core.hal.iso15118;

/**
 * ISO 15118-2 DC EVSEMaximumPowerLimit and EVSEMaximumCurrentLimit, as sent in
 * ChargeParameterDiscoveryRes and CurrentDemandRes (SPEC-FACTS F.1).
 *
 * @param maximumPower unit W
 * @param maximumCurrent unit A
 */
public record DcLimits(PhysicalValue maximumPower, PhysicalValue maximumCurrent) {}
