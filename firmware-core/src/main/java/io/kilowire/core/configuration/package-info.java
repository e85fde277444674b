/**
 * Station configuration as typed definitions: {@link io.kilowire.core.configuration.Key} (name,
 * value type, default, mutability, reboot flag, unit, rules), the {@link
 * io.kilowire.core.configuration.Configuration} that holds current values and persists them through
 * a {@link io.kilowire.core.configuration.ConfigurationStore}, the OCPP 1.6 key registry ({@link
 * io.kilowire.core.configuration.V16Keys}), the OCPP 2.0.1 device model ({@link
 * io.kilowire.core.configuration.DeviceModel}, {@link
 * io.kilowire.core.configuration.V201Variables}) and the version-neutral {@link
 * io.kilowire.core.configuration.StationSettings}.
 *
 * <p>Instances are confined to the station's event-loop thread; nothing here is synchronized.
 */
@NullMarked
package io.kilowire.core.configuration;

import org.jspecify.annotations.NullMarked;
