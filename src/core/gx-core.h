/* gx-core.h: everything of the GTK-free core */
#pragma once

#include "gx-schema.h"
#include "gx-finding.h"
#include "gx-report.h"
#include "gx-rules.h"
#include "gx-sums.h"
#include "gx-reader.h"
