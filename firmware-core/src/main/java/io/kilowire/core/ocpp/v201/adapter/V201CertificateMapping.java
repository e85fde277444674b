package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.CertificateHashData;
import io.kilowire.core.ocpp.v201.CertificateSigningUse;
import io.kilowire.core.ocpp.v201.GetCertificateIdUse;
import io.kilowire.core.ocpp.v201.HashAlgorithm;
import io.kilowire.core.ocpp.v201.InstallCertificateUse;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.CertificateUse;
import io.kilowire.core.station.certificates.SigningKind;
import org.jspecify.annotations.Nullable;

/** OCPP 2.0.1 certificate records ↔ the station's certificate values. */
public final class V201CertificateMapping {
  private V201CertificateMapping() {}

  /** 2.0.1 has no ISO 15118-20 type: the 2.1 adapter puts V2G20Certificate in (by the CSR). */
  public static CertificateSigningUse signingUse(SigningKind kind) {
    return kind == SigningKind.CHARGING_STATION
        ? CertificateSigningUse.CHARGING_STATION_CERTIFICATE
        : CertificateSigningUse.V2_G_CERTIFICATE;
  }

  public static @Nullable SigningKind kind(@Nullable CertificateSigningUse use) {
    if (use == null) {
      return null;
    }
    return use == CertificateSigningUse.V2_G_CERTIFICATE
        ? SigningKind.V2G
        : SigningKind.CHARGING_STATION;
  }

  public static CertificateUse use(InstallCertificateUse use) {
    return switch (use) {
      case V2_G_ROOT_CERTIFICATE -> CertificateUse.V2G_ROOT;
      case MO_ROOT_CERTIFICATE -> CertificateUse.MO_ROOT;
      case CSMS_ROOT_CERTIFICATE -> CertificateUse.CSMS_ROOT;
      case MANUFACTURER_ROOT_CERTIFICATE -> CertificateUse.MANUFACTURER_ROOT;
    };
  }

  public static CertificateUse use(GetCertificateIdUse use) {
    return switch (use) {
      case V2_G_ROOT_CERTIFICATE -> CertificateUse.V2G_ROOT;
      case MO_ROOT_CERTIFICATE -> CertificateUse.MO_ROOT;
      case CSMS_ROOT_CERTIFICATE -> CertificateUse.CSMS_ROOT;
      case V2_G_CERTIFICATE_CHAIN -> CertificateUse.V2G_CHAIN;
      case MANUFACTURER_ROOT_CERTIFICATE -> CertificateUse.MANUFACTURER_ROOT;
    };
  }

  /**
   * The GetInstalledCertificateIds type of a use; null for the station's own certificate and for
   * 2.1's OEM roots, which 2.0.1 cannot name.
   */
  public static @Nullable GetCertificateIdUse idUse(CertificateUse use) {
    return switch (use) {
      case V2G_ROOT -> GetCertificateIdUse.V2_G_ROOT_CERTIFICATE;
      case MO_ROOT -> GetCertificateIdUse.MO_ROOT_CERTIFICATE;
      case CSMS_ROOT -> GetCertificateIdUse.CSMS_ROOT_CERTIFICATE;
      case V2G_CHAIN -> GetCertificateIdUse.V2_G_CERTIFICATE_CHAIN;
      case MANUFACTURER_ROOT -> GetCertificateIdUse.MANUFACTURER_ROOT_CERTIFICATE;
      case STATION, OEM_ROOT -> null;
    };
  }

  public static CertificateHash hash(CertificateHashData data) {
    return new CertificateHash(
        data.hashAlgorithm().value(),
        data.issuerNameHash(),
        data.issuerKeyHash(),
        data.serialNumber());
  }

  public static CertificateHashData wire(CertificateHash hash) {
    return CertificateHashData.of(
        HashAlgorithm.valueOf(hash.algorithm()),
        hash.issuerNameHash(),
        hash.issuerKeyHash(),
        hash.serialNumber());
  }

  static OCSPRequestData ocspRequest(CertificateHash hash, String responderUrl) {
    return new OCSPRequestData(
        null,
        HashAlgorithm.valueOf(hash.algorithm()),
        hash.issuerNameHash(),
        hash.issuerKeyHash(),
        hash.serialNumber(),
        responderUrl);
  }
}
