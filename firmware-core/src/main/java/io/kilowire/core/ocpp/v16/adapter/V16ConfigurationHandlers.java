package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.Mutability;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.WriteResult;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v16.ChangeConfigurationRequest;
import io.kilowire.core.ocpp.v16.ChangeConfigurationResponse;
import io.kilowire.core.ocpp.v16.ConfigurationStatus;
import io.kilowire.core.ocpp.v16.GetConfigurationRequest;
import io.kilowire.core.ocpp.v16.GetConfigurationResponse;
import io.kilowire.core.ocpp.v16.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetConfiguration and ChangeConfiguration over a station's 1.6 keys.
 *
 * <p>Write-only keys (a secret such as the security whitepaper's AuthorizationKey): a request for
 * all keys leaves them out, since the answer lists readable keys; a request that names one gets it
 * back without a value and with {@code readonly = false}. Reporting it as unknown would tell the
 * CSMS the station cannot take the secret at all, while the whitepaper only forbids revealing it.
 */
public final class V16ConfigurationHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(V16ConfigurationHandlers.class);

  private final Configuration keys;

  public V16ConfigurationHandlers(Configuration keys) {
    this.keys = keys;
  }

  /**
   * All readable keys when the request names none; otherwise the named ones, unknown names in
   * {@code unknownKey}.
   *
   * @throws OcppCallException OccurenceConstraintViolation when more keys are named than
   *     GetConfigurationMaxKeys allows
   */
  public GetConfigurationResponse getConfiguration(GetConfigurationRequest request) {
    List<String> requested = request.key();
    List<KeyValue> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (requested == null || requested.isEmpty()) {
      for (Key<?> key : keys.keys()) {
        if (key.mutability().readable()) {
          known.add(keyValue(key));
        }
      }
    } else {
      int max = keys.getOrDefault(V16Keys.GET_CONFIGURATION_MAX_KEYS);
      if (requested.size() > max) {
        throw new OcppCallException(
            ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION,
            requested.size() + " keys requested; GetConfigurationMaxKeys is " + max);
      }
      // A name asked for twice is answered once.
      for (String name : new LinkedHashSet<>(requested)) {
        Optional<Key<?>> key = keys.key(name);
        if (key.isPresent()) {
          known.add(keyValue(key.get()));
        } else {
          unknown.add(name);
        }
      }
    }
    return new GetConfigurationResponse(
        known.isEmpty() ? null : known, unknown.isEmpty() ? null : unknown);
  }

  /**
   * NotSupported for an unknown key; Rejected for a read-only key or a value its type or rules
   * refuse; RebootRequired when the new value takes effect after a reboot; Accepted otherwise.
   */
  public ChangeConfigurationResponse changeConfiguration(ChangeConfigurationRequest request) {
    Optional<Key<?>> key = keys.key(request.key());
    if (key.isEmpty()) {
      return new ChangeConfigurationResponse(ConfigurationStatus.NOT_SUPPORTED);
    }
    WriteResult result = keys.write(key.get(), request.value());
    ConfigurationStatus status =
        switch (result.status()) {
          case ACCEPTED -> ConfigurationStatus.ACCEPTED;
          case REBOOT_REQUIRED -> ConfigurationStatus.REBOOT_REQUIRED;
          case READ_ONLY, INVALID -> ConfigurationStatus.REJECTED;
        };
    if (status == ConfigurationStatus.REJECTED) {
      LOG.info(
          "ChangeConfiguration of {} rejected: {}",
          request.key(),
          result.reason() != null ? result.reason() : "read-only");
    }
    return new ChangeConfigurationResponse(status);
  }

  private KeyValue keyValue(Key<?> key) {
    boolean readonly = key.mutability() == Mutability.READ_ONLY;
    return new KeyValue(key.name(), readonly, valueOf(key));
  }

  private @Nullable String valueOf(Key<?> key) {
    if (!key.mutability().readable()) {
      return null;
    }
    String text = keys.text(key);
    if (text.codePointCount(0, text.length()) > V16Keys.MAX_VALUE_LENGTH) {
      // Only a vendor key with a looser bound gets here; 1.6 cannot carry the value.
      LOG.warn(
          "Value of {} exceeds {} characters; reported without value",
          key.name(),
          V16Keys.MAX_VALUE_LENGTH);
      return null;
    }
    return text;
  }
}
