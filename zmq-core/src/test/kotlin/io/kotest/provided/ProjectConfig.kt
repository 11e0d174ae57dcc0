package io.kotest.provided

import io.kotest.core.config.AbstractProjectConfig
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Project-wide test settings: no test may hang the build. */
class ProjectConfig : AbstractProjectConfig() {
    override val timeout: Duration = 120.seconds
    override val invocationTimeout: Duration = 120.seconds
}
