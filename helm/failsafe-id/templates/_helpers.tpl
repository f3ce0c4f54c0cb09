{{/* The chart's name. */}}
{{- define "failsafe-id.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: the release name when it already contains the chart's name, else
<release>-<chart>. Cut to 40 characters so that "<fullname>-hazelcast" and pod names stay DNS labels.
*/}}
{{- define "failsafe-id.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "failsafe-id.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "failsafe-id.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: failsafe-id
failsafe-id/site: {{ .Values.site.name }}
{{- end }}

{{/* Selector labels of one component (provider or witness): include with (list . "provider"). */}}
{{- define "failsafe-id.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "failsafe-id.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Labels of the pods of one component: include with (list . "provider"). */}}
{{- define "failsafe-id.podLabels" -}}
{{- $root := index . 0 -}}
{{ include "failsafe-id.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: failsafe-id
failsafe-id/site: {{ $root.Values.site.name }}
{{- with $root.Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* One environment variable from a Secret: include with (list NAME SECRET KEY). */}}
{{- define "failsafe-id.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 }}
      key: {{ index . 2 }}
{{- end }}

{{/*
The Redis password and the sentinels' own password from secrets.redis, when it names a Secret:
include with (list . PASSWORD_VARIABLE SENTINEL_PASSWORD_VARIABLE).
*/}}
{{- define "failsafe-id.redisPasswordEnv" -}}
{{- $redis := (index . 0).Values.secrets.redis }}
{{- if $redis.name }}
{{ include "failsafe-id.secretEnv" (list (index . 1) $redis.name $redis.passwordKey) }}
{{- if $redis.sentinelPasswordKey }}
{{ include "failsafe-id.secretEnv" (list (index . 2) $redis.name $redis.sentinelPasswordKey) }}
{{- end }}
{{- end }}
{{- end }}

{{/* The provider's image reference: the digest when set, else the tag (default: appVersion). */}}
{{- define "failsafe-id.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The pods' service account name. */}}
{{- define "failsafe-id.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "failsafe-id.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Common pod scheduling settings (nodeSelector, tolerations, spread, priority). */}}
{{- define "failsafe-id.scheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}

{{/*
Checks of the site mode that the schema cannot express; each fails with what to change.
*/}}
{{- define "failsafe-id.validateSite" -}}
{{- if not (hasKey .Values.hazelcast.members .Values.site.name) }}
{{- fail (printf "hazelcast.members has no entry for this site (site.name=%s): list every site's members there, this site's included (sites listed: %s)" .Values.site.name (keys .Values.hazelcast.members | sortAlpha | join ", ")) }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "podDisruptionBudget: set either maxUnavailable or minAvailable, not both (set the other to null)" }}
{{- end }}
{{- if and .Values.networkPolicy.enabled (empty .Values.networkPolicy.hazelcastFrom) }}
{{- fail "networkPolicy.hazelcastFrom is empty: the other sites' Hazelcast members could not reach this site's; list their pod networks (e.g. - ipBlock: {cidr: 10.2.0.0/16}) or set networkPolicy.enabled=false" }}
{{- end }}
{{- if and .Values.ingress.enabled (empty .Values.trustedProxies) }}
{{- fail "trustedProxies is empty while ingress.enabled: every user would appear to come from the ingress controller and share one login throttling budget; list its pods' network (e.g. - 10.1.0.0/16)" }}
{{- end }}
{{- if and .Values.serviceMonitor.enabled (not .Values.secrets.metrics.name) }}
{{- fail "serviceMonitor.enabled needs secrets.metrics.name: /actuator/prometheus answers only the scrape token, which the ServiceMonitor sends from that Secret" }}
{{- end }}
{{- if regexMatch "(?i)(password|secret|kek)[-a-z]*:" (toYaml .Values.extraConfig) }}
{{- fail "extraConfig must not hold a password, secret or key: credentials and the KEK come only from the Secrets named under secrets.*" }}
{{- end }}
{{- end }}

{{/*
Checks of the witness mode that the schema cannot express; each fails with what to change.
*/}}
{{- define "failsafe-id.validateWitness" -}}
{{- $w := .Values.witness }}
{{- if not (hasKey $w.etcd.initialCluster $w.etcd.memberName) }}
{{- fail (printf "witness.etcd.initialCluster has no entry for this member (witness.etcd.memberName=%s): list every etcd member there, this one included" $w.etcd.memberName) }}
{{- end }}
{{- if not (has $w.directory.memberName $w.directory.members) }}
{{- fail (printf "witness.directory.members does not list this member (witness.directory.memberName=%s): list every PostgreSQL member's name, this one's included" $w.directory.memberName) }}
{{- end }}
{{- if gt (add (int $w.directory.loopWaitSeconds) (mul 2 (int $w.directory.retryTimeoutSeconds))) (int $w.directory.ttlSeconds) }}
{{- fail (printf "witness.directory: loopWaitSeconds + 2 x retryTimeoutSeconds (%d) exceeds ttlSeconds (%d): a primary that cannot renew its leader key would not demote itself before another member may take it" (add (int $w.directory.loopWaitSeconds) (mul 2 (int $w.directory.retryTimeoutSeconds))) (int $w.directory.ttlSeconds)) }}
{{- end }}
{{- if and .Values.networkPolicy.enabled (empty .Values.networkPolicy.witnessFrom) }}
{{- fail "networkPolicy.witnessFrom is empty: the other places and the sites' providers could not reach the witness; list their networks (e.g. - ipBlock: {cidr: 10.1.0.0/16}) or set networkPolicy.enabled=false" }}
{{- end }}
{{- end }}

{{/*
synchronous_standby_names for quorum commit: a commit waits for any one other member
(docs/availability.md). Takes the list of every member's name.
*/}}
{{- define "failsafe-id.quorumCommit" -}}
{{- $names := list }}
{{- range . }}
{{- $names = append $names (printf "%q" .) }}
{{- end }}
{{- printf "ANY 1 (%s)" (join ", " $names) }}
{{- end }}

{{/* etcd's --initial-cluster: name=peerURL for every member, by name. Takes the name-to-URL map. */}}
{{- define "failsafe-id.etcdInitialCluster" -}}
{{- $members := list }}
{{- range $name := keys . | sortAlpha }}
{{- $members = append $members (printf "%s=%s" $name (index $ $name)) }}
{{- end }}
{{- join "," $members }}
{{- end }}

{{/*
The directory's JDBC URL: every member, this site's first; takes (list . TARGET_SERVER_TYPE).
preferPrimary for the application (reads go on from a standby while no primary is reachable),
primary for Flyway.
*/}}
{{- define "failsafe-id.directoryUrl" -}}
{{- $db := (index . 0).Values.database }}
{{- printf "jdbc:postgresql://%s/%s?targetServerType=%s&hostRecheckSeconds=%d&connectTimeout=%d&socketTimeout=%d" (join "," $db.members) $db.name (index . 1) (int $db.hostRecheckSeconds) (int $db.connectTimeoutSeconds) (int $db.socketTimeoutSeconds) }}
{{- end }}

{{/*
The provider's application.yaml (mounted, read with spring.config.additional-location). It holds
no credential: those come from Secrets through environment variables (see the StatefulSet).
extraConfig is merged underneath: the chart's own settings win, so the probes' port stays right.
*/}}
{{- define "failsafe-id.applicationConfig" -}}
{{- $members := list }}
{{- range $site := keys .Values.hazelcast.members | sortAlpha }}
{{- $members = concat $members (index $.Values.hazelcast.members $site) }}
{{- end }}
{{- $config := dict
  "server" (dict "port" 9000
    "tomcat" (dict "remoteip" (dict "internal-proxies" (join ", " .Values.trustedProxies))))
  "management" (dict "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
  "spring" (dict
    "datasource" (dict "url" (include "failsafe-id.directoryUrl" (list . "preferPrimary")))
    "flyway" (dict "url" (include "failsafe-id.directoryUrl" (list . "primary")))
    "data" (dict "redis" (dict
      "timeout" .Values.redis.timeout
      "sentinel" (dict "master" .Values.redis.sentinel.master "nodes" .Values.redis.sentinel.nodes))))
  "idp" (dict
    "issuer" .Values.issuer
    "product-name" .Values.productName
    "data-dir" "/var/lib/failsafe-id"
    "demo" (dict "enabled" false)
    "tokens" (dict
      "access-token-ttl" .Values.tokens.accessTokenTtl
      "id-token-ttl" .Values.tokens.idTokenTtl
      "refresh-token-ttl" .Values.tokens.refreshTokenTtl
      "authorization-code-ttl" .Values.tokens.authorizationCodeTtl
      "clock-skew" .Values.tokens.clockSkew)
    "keys" (dict
      "rotation-interval" .Values.keys.rotationInterval
      "publish-ahead" .Values.keys.publishAhead
      "jwks-cache-time" .Values.keys.jwksCacheTime
      "rotation-check-interval" .Values.keys.rotationCheckInterval)
    "keyring" (dict
      "kek-variable" "IDP_KEK"
      "generate-kek" false
      "repair-interval" .Values.keyRing.repairInterval)
    "session" (dict "timeout" .Values.session.timeout)
    "hazelcast" (dict
      "cluster-name" .Values.hazelcast.clusterName
      "site" .Values.site.name
      "port" .Values.hazelcast.port
      "members" $members)
    "redis" (dict
      "replicas-to-ack" .Values.redis.replicasToAck
      "ack-timeout" .Values.redis.ackTimeout))
}}
{{- toYaml (mustMergeOverwrite (deepCopy .Values.extraConfig) $config) }}
{{- end }}
