package io.kilowire.core.smartcharging;

/**
 * The SetChargingProfile rules on which protocol versions differ. The engine follows them; the
 * version adapter that receives the profile chooses them ({@code V16SmartChargingMapping} and
 * {@code V201SmartChargingMapping} each hold theirs as {@code PROFILE_RULES}).
 *
 * @param replacesSameSlot an installed profile with the same purpose, stack level and EVSE is
 *     replaced, not only the one with the same id (1.6 §3.13.2, A.3); otherwise only the same id is
 *     (2.0.1 K01.FR.05)
 * @param refusesDuplicateStackLevel a profile with the same stack level, purpose and EVSE as
 *     another and an overlapping validity, or a TxProfile with the same stack level and
 *     transaction, is refused (2.0.1 K01.FR.06, K01.FR.39)
 * @param txProfileNeedsTransactionId a TxProfile must name its transaction (2.0.1 K01.FR.03);
 *     otherwise one without it is bound to the transaction running on its EVSE (1.6 §5.16)
 * @param relativeRefusesStartSchedule a Relative profile must not carry startSchedule (2.0.1
 *     K01.FR.41); otherwise the start is ignored and the schedule runs from its anchor
 */
public record ProfileRules(
    boolean replacesSameSlot,
    boolean refusesDuplicateStackLevel,
    boolean txProfileNeedsTransactionId,
    boolean relativeRefusesStartSchedule) {}
