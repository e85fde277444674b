package io.kilowire.core.hal;

import io.kilowire.core.station.EnergyOffer;
import io.kilowire.core.station.EvControlMode;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The minimal boundary to an ISO 15118 / DIN 70121 stack: the EV's charging needs come in, limits
 * go out. The message mapping (SAScheduleList, EVSEMaxCurrent, -20 target power) lives in {@code
 * io.kilowire.core.hal.iso15118} (SPEC-FACTS F).
 */
public interface Iso15118Link {

  /** Receives what the EV asks for. */
  interface Listener {
    /** High-level communication started (true) or ended (false); the pilot shows 5 % while on. */
    void sessionActive(int evse, boolean active);

    void chargingNeeds(int evse, EvChargingNeeds needs);

    /**
     * The EV sent CertificateInstallationReq or CertificateUpdateReq (Plug & Charge): the station
     * passes it to its backend. The future fails when the backend cannot be asked (offline, a
     * protocol without the pass-through); the stack then answers the EV with FAILED.
     */
    default CompletableFuture<ContractCertificateAnswer> contractCertificate(
        int evse, ContractCertificateRequest request) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("this station passes no certificate requests on"));
    }

    /**
     * The stack wants the OCSP status of a certificate it cannot check online itself; fails as
     * {@link #contractCertificate}.
     */
    default CompletableFuture<OcspStatus> certificateStatus(int evse, OcspQuery query) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("this station passes no OCSP queries on"));
    }
  }

  /** Where the station sends the stack's certificate questions (its CSMS, in practice). */
  interface CertificateBackend {
    CompletableFuture<ContractCertificateAnswer> contractCertificate(
        ContractCertificateRequest request);

    CompletableFuture<OcspStatus> certificateStatus(OcspQuery query);
  }

  /**
   * An EV's contract certificate request, as the EV sent it.
   *
   * @param schemaVersion the ISO 15118 schema the EXI message uses (its namespace URN)
   * @param install CertificateInstallationReq (true) or CertificateUpdateReq (false)
   * @param exiRequest the EXI-encoded request, Base64
   */
  record ContractCertificateRequest(String schemaVersion, boolean install, String exiRequest) {
    public ContractCertificateRequest {
      Objects.requireNonNull(schemaVersion, "schemaVersion");
      Objects.requireNonNull(exiRequest, "exiRequest");
    }
  }

  /**
   * The backend's answer for the EV.
   *
   * @param accepted whether the backend could process the request; if not the EV gets FAILED
   * @param exiResponse the EXI-encoded CertificateInstallationRes/UpdateRes, Base64
   */
  record ContractCertificateAnswer(boolean accepted, String exiResponse) {
    public ContractCertificateAnswer {
      Objects.requireNonNull(exiResponse, "exiResponse");
    }
  }

  /** Identifies a certificate for an OCSP query (RFC 6960 CertID) and where to ask. */
  record OcspQuery(
      String hashAlgorithm,
      String issuerNameHash,
      String issuerKeyHash,
      String serialNumber,
      String responderUrl) {
    public OcspQuery {
      Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
      Objects.requireNonNull(issuerNameHash, "issuerNameHash");
      Objects.requireNonNull(issuerKeyHash, "issuerKeyHash");
      Objects.requireNonNull(serialNumber, "serialNumber");
      Objects.requireNonNull(responderUrl, "responderUrl");
    }
  }

  /**
   * Whether the backend got an OCSP status (not whether the certificate is good) and the DER
   * OCSPResponse, Base64, when it did.
   */
  record OcspStatus(boolean accepted, @Nullable String ocspResponse) {}

  /** Registers the one listener; replaces any earlier one. */
  void setListener(Listener listener);

  /** Offers the EV new limits; the stack renegotiates when a schedule is already agreed (F.2). */
  void offerLimits(int evse, HlcLimits limits);

  /**
   * What the EV reports in ChargeParameterDiscovery / ScheduleExchange.
   *
   * @param energyRequestWh energy the EV wants, if it said (ISO 15118-2 EAmount, -20
   *     EVTargetEnergyRequest: to its target state of charge)
   * @param maxCurrentA the EV's maximum current per phase
   * @param minCurrentA the EV's minimum current per phase
   * @param departureTime when the driver leaves, if the EV said
   * @param maxDischargeCurrentA null unless the EV chose ISO 15118-20 bidirectional power transfer
   *     (BPT): then the most it may feed back, per phase, at or above 0
   * @param minEnergyRequestWh ISO 15118-20 EVMinimumEnergyRequest: energy to its minimum state of
   *     charge; negative when it is above it
   * @param maxEnergyRequestWh ISO 15118-20 EVMaximumEnergyRequest: energy to its maximum state of
   *     charge, at least the minimum request
   * @param targetSocPercent ISO 15118-20 TargetSOC, 0..100, if the EV said
   * @param maxDischargePowerW BPT only: EVMaximumDischargePower, total watts, at or above 0
   * @param minV2xEnergyRequestWh BPT only: EVMinimumV2XEnergyRequest, energy to the bottom of the
   *     range the EV lets the grid cycle; negative (how much it may give) when it is above it
   * @param controlMode ISO 15118-20's control mode the EV chose; null: it did not say (-2, DIN)
   * @param maxV2xEnergyRequestWh BPT only: EVMaximumV2XEnergyRequest, energy to the top of its
   *     cycling range; negative when it is above it
   * @param energyOffer BPT in scheduled control only: what it offers to feed back over time
   */
  record EvChargingNeeds(
      @Nullable Double energyRequestWh,
      double maxCurrentA,
      double minCurrentA,
      @Nullable Instant departureTime,
      @Nullable Double maxDischargeCurrentA,
      @Nullable Double minEnergyRequestWh,
      @Nullable Double maxEnergyRequestWh,
      @Nullable Integer targetSocPercent,
      @Nullable Double maxDischargePowerW,
      @Nullable Double minV2xEnergyRequestWh,
      @Nullable EvControlMode controlMode,
      @Nullable Double maxV2xEnergyRequestWh,
      @Nullable EnergyOffer energyOffer) {
    public EvChargingNeeds {
      if (maxDischargeCurrentA != null && !(maxDischargeCurrentA >= 0)) {
        throw new IllegalArgumentException(
            "maxDischargeCurrentA must be >= 0: " + maxDischargeCurrentA);
      }
      if (targetSocPercent != null && (targetSocPercent < 0 || targetSocPercent > 100)) {
        throw new IllegalArgumentException(
            "targetSocPercent must be within 0..100: " + targetSocPercent);
      }
      if (minEnergyRequestWh != null
          && maxEnergyRequestWh != null
          && !(minEnergyRequestWh <= maxEnergyRequestWh)) {
        throw new IllegalArgumentException(
            "minEnergyRequestWh "
                + minEnergyRequestWh
                + " must not exceed maxEnergyRequestWh "
                + maxEnergyRequestWh);
      }
      if (maxDischargePowerW != null && !(maxDischargePowerW >= 0)) {
        throw new IllegalArgumentException(
            "maxDischargePowerW must be >= 0: " + maxDischargePowerW);
      }
      if (maxDischargeCurrentA == null
          && (maxDischargePowerW != null
              || minV2xEnergyRequestWh != null
              || maxV2xEnergyRequestWh != null
              || energyOffer != null)) {
        // A discharge figure without BPT would be offered to no one; say so at the boundary.
        throw new IllegalArgumentException(
            "maxDischargePowerW, minV2xEnergyRequestWh, maxV2xEnergyRequestWh and energyOffer"
                + " need BPT (maxDischargeCurrentA)");
      }
      if (energyOffer != null && controlMode != EvControlMode.SCHEDULED) {
        // ISO 15118-20 carries the offer in the scheduled mode's messages only.
        throw new IllegalArgumentException("an energyOffer needs controlMode SCHEDULED");
      }
    }

    /** An EV that did not say what ISO 15118-20 adds (energy requests, target SoC). */
    public EvChargingNeeds(
        @Nullable Double energyRequestWh,
        double maxCurrentA,
        double minCurrentA,
        @Nullable Instant departureTime,
        @Nullable Double maxDischargeCurrentA) {
      this(
          energyRequestWh,
          maxCurrentA,
          minCurrentA,
          departureTime,
          maxDischargeCurrentA,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    /** An EV that charges only (no BPT). */
    public EvChargingNeeds(
        @Nullable Double energyRequestWh,
        double maxCurrentA,
        double minCurrentA,
        @Nullable Instant departureTime) {
      this(energyRequestWh, maxCurrentA, minCurrentA, departureTime, null);
    }

    /** The same with ISO 15118-20's minimum / maximum energy requests and target SoC. */
    public EvChargingNeeds withEnergyRequests(
        @Nullable Double minWh, @Nullable Double maxWh, @Nullable Integer targetSoc) {
      return new EvChargingNeeds(
          energyRequestWh,
          maxCurrentA,
          minCurrentA,
          departureTime,
          maxDischargeCurrentA,
          minWh,
          maxWh,
          targetSoc,
          maxDischargePowerW,
          minV2xEnergyRequestWh,
          controlMode,
          maxV2xEnergyRequestWh,
          energyOffer);
    }

    /** The same with the BPT EV's maximum discharge power and V2X minimum energy request. */
    public EvChargingNeeds withDischarge(@Nullable Double maxPowerW, @Nullable Double minV2xWh) {
      return new EvChargingNeeds(
          energyRequestWh,
          maxCurrentA,
          minCurrentA,
          departureTime,
          maxDischargeCurrentA,
          minEnergyRequestWh,
          maxEnergyRequestWh,
          targetSocPercent,
          maxPowerW,
          minV2xWh,
          controlMode,
          maxV2xEnergyRequestWh,
          energyOffer);
    }

    /**
     * The same with ISO 15118-20's control mode and, for a BPT EV, the top of its cycling range and
     * (scheduled control) its energy offer.
     */
    public EvChargingNeeds withControl(
        EvControlMode mode, @Nullable Double maxV2xWh, @Nullable EnergyOffer offer) {
      return new EvChargingNeeds(
          energyRequestWh,
          maxCurrentA,
          minCurrentA,
          departureTime,
          maxDischargeCurrentA,
          minEnergyRequestWh,
          maxEnergyRequestWh,
          targetSocPercent,
          maxDischargePowerW,
          minV2xEnergyRequestWh,
          mode,
          maxV2xWh,
          offer);
    }

    /** The EV takes part in bidirectional power transfer (ISO 15118-20 BPT). */
    public boolean bidirectional() {
      return maxDischargeCurrentA != null;
    }
  }

  /**
   * Limits for the EV.
   *
   * @param maxCurrentA per phase, amps
   * @param maxPowerW total, watts
   * @param validUntil the limits lapse at this instant unless renewed (the lease rule)
   * @param maxDischargeCurrentA the most the EV may feed back, per phase, at or above 0 (ISO
   *     15118-20 BPT EVSEMaximumDischargeCurrent; 0 without BPT)
   * @param maxDischargePowerW the same in watts, total (EVSEMaximumDischargePower)
   * @param targetPowerW what the EV should transfer, total, negative to discharge (ISO 15118-20
   *     Dynamic mode EVSETargetActivePower, from an OCPP 2.1 setpoint); null: the EV chooses within
   *     the limits
   * @param targetReactivePowerVar the reactive power the EV's charger should exchange, total,
   *     positive inductive (absorbed), negative capacitive (injected) (ISO 15118-20
   *     EVSETargetReactivePower, from an OCPP 2.1 setpointReactive); null: none
   */
  record HlcLimits(
      double maxCurrentA,
      double maxPowerW,
      Instant validUntil,
      double maxDischargeCurrentA,
      double maxDischargePowerW,
      @Nullable Double targetPowerW,
      @Nullable Double targetReactivePowerVar) {
    /** Without a reactive target. */
    public HlcLimits(
        double maxCurrentA,
        double maxPowerW,
        Instant validUntil,
        double maxDischargeCurrentA,
        double maxDischargePowerW,
        @Nullable Double targetPowerW) {
      this(
          maxCurrentA,
          maxPowerW,
          validUntil,
          maxDischargeCurrentA,
          maxDischargePowerW,
          targetPowerW,
          null);
    }

    public HlcLimits {
      if (maxDischargeCurrentA < 0 || maxDischargePowerW < 0) {
        throw new IllegalArgumentException("discharge limits are magnitudes, >= 0");
      }
      if (targetPowerW != null
          && (targetPowerW > maxPowerW || -targetPowerW > maxDischargePowerW)) {
        throw new IllegalArgumentException(
            "target "
                + targetPowerW
                + " W outside [-"
                + maxDischargePowerW
                + ", "
                + maxPowerW
                + "]");
      }
    }

    /** Charging limits only: no discharging, no target. */
    public HlcLimits(double maxCurrentA, double maxPowerW, Instant validUntil) {
      this(maxCurrentA, maxPowerW, validUntil, 0, 0, null);
    }
  }
}
