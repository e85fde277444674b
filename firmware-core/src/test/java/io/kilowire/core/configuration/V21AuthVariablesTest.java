package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.station.SettingsParameters;
import io.kilowire.core.station.authorization.TokenAuthorization;
import org.junit.jupiter.api.Test;

/**
 * 2.1's DisablePostAuthorize variables reach the authorization rules: what a CSMS sets on a 2.1
 * station is what the next decision reads; a 2.0.1 station, which does not list them, keeps
 * post-authorization on.
 */
class V21AuthVariablesTest {

  private static AuthorizationSettings settings(DeviceModel model) {
    return TokenAuthorization.settings(new SettingsParameters(StationSettings.of(model), false));
  }

  @Test
  void whatTheCsmsSetsOnA21StationIsWhatTheRulesRead() {
    DeviceModel.Builder b = DeviceModel.builder(Layouts.WALLBOX);
    V21AuthVariables.ALL.forEach(b::add);
    DeviceModel model = b.build();
    assertThat(settings(model).cacheDisablePostAuthorize()).isFalse();
    assertThat(settings(model).localListDisablePostAuthorize()).isFalse();

    model.set(V21AuthVariables.CACHE_DISABLE_POST_AUTHORIZE, true);
    assertThat(settings(model).cacheDisablePostAuthorize()).isTrue();
    assertThat(settings(model).localListDisablePostAuthorize()).isFalse();
    model.set(V21AuthVariables.LOCAL_LIST_DISABLE_POST_AUTHORIZE, true);
    assertThat(settings(model).localListDisablePostAuthorize()).isTrue();
  }

  @Test
  void a201StationDoesNotListThemAndPostAuthorizes() {
    DeviceModel model = DeviceModel.builder(Layouts.WALLBOX).build();
    assertThat(model.contains(V21AuthVariables.CACHE_DISABLE_POST_AUTHORIZE)).isFalse();
    assertThat(settings(model).cacheDisablePostAuthorize()).isFalse();
    assertThat(settings(model).localListDisablePostAuthorize()).isFalse();
  }
}
