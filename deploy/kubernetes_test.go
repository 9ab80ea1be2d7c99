// Package deploy holds the deployment files (kubernetes/, compose/) and the
// tests that keep them from rotting: every Kubernetes manifest decodes
// strictly into the k8s.io/api types and keeps the invariants the coach
// relies on; the compose file and its nginx configuration parse and agree
// with the coach's settings.
package deploy

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsjson "sigs.k8s.io/json"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/ladder/coach/internal/config"
)

// measuredRSS is the coach's peak resident memory under load, measured with
// bench/run.sh (README "Scaling out"); the memory limit must leave room
// above it.
const measuredRSS = 45 << 20

// decodeStrict decodes one YAML document into into as the API server's
// strict field validation would: unknown fields, duplicate fields and
// fields in the wrong case are errors.
func decodeStrict(doc []byte, into any) error {
	j, err := sigsyaml.YAMLToJSONStrict(doc)
	if err != nil {
		return err
	}
	strict, err := sigsjson.UnmarshalStrict(j, into)
	if err != nil {
		return err
	}
	return errors.Join(strict...)
}

// newObject returns an empty object of the type apiVersion and kind name.
func newObject(apiVersion, kind string) (any, bool) {
	switch apiVersion + " " + kind {
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}, true
	case "v1 Secret":
		return &corev1.Secret{}, true
	case "v1 Service":
		return &corev1.Service{}, true
	case "apps/v1 Deployment":
		return &appsv1.Deployment{}, true
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, true
	case "policy/v1 PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, true
	}
	return nil, false
}

// manifests holds the decoded objects by kind and name.
type manifests struct {
	files       []string
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	configMaps  map[string]*corev1.ConfigMap
	secrets     map[string]*corev1.Secret
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	pdbs        map[string]*policyv1.PodDisruptionBudget
	kustomized  []string
}

// splitDocuments cuts a YAML stream into its documents, dropping empty ones.
func splitDocuments(data []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		var probe map[string]any
		if err := sigsyaml.Unmarshal(doc, &probe); err != nil {
			return nil, err
		}
		if len(probe) > 0 {
			docs = append(docs, doc)
		}
	}
}

func loadManifests(t *testing.T) *manifests {
	t.Helper()
	m := &manifests{
		deployments: map[string]*appsv1.Deployment{}, services: map[string]*corev1.Service{},
		configMaps: map[string]*corev1.ConfigMap{}, secrets: map[string]*corev1.Secret{},
		hpas: map[string]*autoscalingv2.HorizontalPodAutoscaler{}, pdbs: map[string]*policyv1.PodDisruptionBudget{},
	}
	paths, err := filepath.Glob("kubernetes/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no manifests in deploy/kubernetes: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(p) == "kustomization.yaml" {
			var k struct {
				APIVersion string   `json:"apiVersion"`
				Kind       string   `json:"kind"`
				Resources  []string `json:"resources"`
			}
			if err := decodeStrict(data, &k); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			m.kustomized = k.Resources
			continue
		}
		m.files = append(m.files, filepath.Base(p))
		docs, err := splitDocuments(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for i, doc := range docs {
			var tm metav1.TypeMeta
			if err := sigsyaml.Unmarshal(doc, &tm); err != nil {
				t.Fatalf("%s #%d: %v", p, i+1, err)
			}
			obj, ok := newObject(tm.APIVersion, tm.Kind)
			if !ok {
				t.Errorf("%s #%d: %s %s is not a kind this test knows; add it to newObject", p, i+1, tm.APIVersion, tm.Kind)
				continue
			}
			if err := decodeStrict(doc, obj); err != nil {
				t.Errorf("%s #%d (%s): %v", p, i+1, tm.Kind, err)
				continue
			}
			switch o := obj.(type) {
			case *appsv1.Deployment:
				m.deployments[o.Name] = o
			case *corev1.Service:
				m.services[o.Name] = o
			case *corev1.ConfigMap:
				m.configMaps[o.Name] = o
			case *corev1.Secret:
				m.secrets[o.Name] = o
			case *autoscalingv2.HorizontalPodAutoscaler:
				m.hpas[o.Name] = o
			case *policyv1.PodDisruptionBudget:
				m.pdbs[o.Name] = o
			}
		}
	}
	return m
}

// Strict decoding is what keeps the manifests honest: a misspelt or
// misplaced field fails instead of being dropped.
func TestDecodeStrictRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown field":  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replica: 2}\n",
		"wrong case":     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {Replicas: 2}\n",
		"duplicate":      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {A: a, A: b}\n",
		"misplaced":      "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 80, path: /}]}\n",
		"wrong type":     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two}\n",
		"bad quantity":   "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: eighty}]}\n",
		"probe typo":     "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: c, readinessProbe: {httpget: {path: /}}}]}}}\n",
		"security typo":  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {securityContext: {runAsNonroot: true}}}}\n",
		"lifecycle typo": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: c, lifecycle: {preStop: {sleep: {second: 5}}}}]}}}\n",
	} {
		var tm metav1.TypeMeta
		if err := sigsyaml.Unmarshal([]byte(doc), &tm); err != nil {
			t.Fatal(err)
		}
		obj, _ := newObject(tm.APIVersion, tm.Kind)
		if err := decodeStrict([]byte(doc), obj); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

func TestKubernetesManifests(t *testing.T) {
	m := loadManifests(t)

	t.Run("kustomization lists every manifest", func(t *testing.T) {
		got := slices.Sorted(slices.Values(m.kustomized))
		want := slices.Sorted(slices.Values(m.files))
		if !slices.Equal(got, want) {
			t.Errorf("kustomization.yaml resources %v; the folder holds %v", got, want)
		}
	})

	coach := m.deployments["coach"]
	if coach == nil {
		t.Fatal("no Deployment named coach")
	}
	pod := coach.Spec.Template
	settings := m.settings(t, coach)

	t.Run("settings are a valid coach configuration", func(t *testing.T) {
		cfg, err := config.Load(func(k string) string { return settings[k] })
		if err != nil {
			t.Fatalf("the ConfigMap and Secret do not load: %v", err)
		}
		if cfg.RedisURL == "" || cfg.RateLimit <= 0 {
			t.Errorf("the replicas share no rate limit: redis %q, limit %d", cfg.RedisURL, cfg.RateLimit)
		}
		if _, port, _ := strings.Cut(cfg.Addr, ":"); port != strconv.Itoa(int(containerPort(t, pod, "http"))) {
			t.Errorf("COACH_ADDR %s does not listen on the container's http port", cfg.Addr)
		}
		if !strings.HasPrefix(cfg.Addr, "0.0.0.0:") {
			t.Errorf("COACH_ADDR %s does not accept connections from outside the pod", cfg.Addr)
		}
		// The Redis URL names the Redis Service and its port.
		redisSvc := m.services["coach-redis"]
		if redisSvc == nil || len(redisSvc.Spec.Ports) == 0 {
			t.Fatal("no coach-redis Service")
		}
		want := fmt.Sprintf("redis://%s:%d/", redisSvc.Name, redisSvc.Spec.Ports[0].Port)
		if !strings.HasPrefix(cfg.RedisURL, want) {
			t.Errorf("COACH_REDIS_URL %q does not point at %s", cfg.RedisURL, want)
		}
	})

	t.Run("coach deployment", func(t *testing.T) {
		if coach.Spec.Replicas == nil || *coach.Spec.Replicas < 2 {
			t.Fatalf("replicas unset or under 2; want 2 or more")
		}
		checkSelector(t, "Deployment coach", coach.Spec.Selector, pod.Labels)
		if len(pod.Spec.Containers) != 1 {
			t.Fatalf("%d containers; want the coach alone", len(pod.Spec.Containers))
		}
		c := pod.Spec.Containers[0]
		if !slices.Equal(c.Args, []string{"serve"}) {
			t.Errorf("args %v; want [serve]", c.Args)
		}
		checkHTTPProbe(t, "readiness", c.ReadinessProbe, "/readyz", c)
		checkHTTPProbe(t, "liveness", c.LivenessProbe, "/healthz", c)
		checkHardened(t, "coach", pod.Spec, c)
		checkResources(t, c, true)
		if lim := c.Resources.Limits.Memory(); lim.Value() < 2*measuredRSS {
			t.Errorf("memory limit %v leaves too little above the measured %d MB", lim, measuredRSS>>20)
		}
		if req := c.Resources.Requests.Memory(); req.Value() < measuredRSS {
			t.Errorf("memory request %v is under the measured %d MB", req, measuredRSS>>20)
		}

		// Termination: the preStop sleep lets the endpoints drain, then the
		// graceful shutdown gets its whole timeout before SIGKILL.
		var sleep time.Duration
		if c.Lifecycle == nil || c.Lifecycle.PreStop == nil || c.Lifecycle.PreStop.Sleep == nil || c.Lifecycle.PreStop.Sleep.Seconds < 1 {
			t.Error("no preStop sleep: requests routed to a stopping pod would fail")
		} else {
			sleep = time.Duration(c.Lifecycle.PreStop.Sleep.Seconds) * time.Second
		}
		grace := time.Duration(30) * time.Second // Kubernetes' default
		if pod.Spec.TerminationGracePeriodSeconds != nil {
			grace = time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second
		}
		shutdown := config.DefaultShutdownTimeout
		if v := settings[config.EnvShutdownTimeout]; v != "" {
			if d, err := time.ParseDuration(v); err == nil {
				shutdown = d
			}
		}
		if grace <= sleep+shutdown {
			t.Errorf("terminationGracePeriodSeconds %v is not above the preStop sleep %v + %s %v", grace, sleep, config.EnvShutdownTimeout, shutdown)
		}

		// Every ConfigMap and Secret the pod reads exists.
		for _, ef := range c.EnvFrom {
			switch {
			case ef.ConfigMapRef != nil && m.configMaps[ef.ConfigMapRef.Name] == nil:
				t.Errorf("envFrom names a missing ConfigMap %s", ef.ConfigMapRef.Name)
			case ef.SecretRef != nil && m.secrets[ef.SecretRef.Name] == nil:
				t.Errorf("envFrom names a missing Secret %s", ef.SecretRef.Name)
			}
		}
		// The rolling update never goes under the replica count.
		if ru := coach.Spec.Strategy.RollingUpdate; ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 {
			t.Errorf("rolling update may take replicas away: %+v", ru)
		}
	})

	t.Run("secret holds the secrets", func(t *testing.T) {
		sec := m.secrets["coach-secrets"]
		if sec == nil {
			t.Fatal("no Secret coach-secrets")
		}
		for _, k := range []string{config.EnvAPIKeys, config.EnvAPIKey} {
			if _, ok := sec.StringData[k]; !ok {
				t.Errorf("Secret lacks %s", k)
			}
		}
		for _, cm := range m.configMaps {
			for _, k := range []string{config.EnvAPIKeys, config.EnvAPIKey} {
				if _, ok := cm.Data[k]; ok {
					t.Errorf("ConfigMap %s holds the secret %s", cm.Name, k)
				}
			}
		}
	})

	t.Run("service", func(t *testing.T) {
		svc := m.services["coach"]
		if svc == nil {
			t.Fatal("no Service coach")
		}
		checkServiceSelects(t, svc, pod)
	})

	t.Run("autoscaler", func(t *testing.T) {
		hpa := m.hpas["coach"]
		if hpa == nil {
			t.Fatal("no HorizontalPodAutoscaler coach")
		}
		ref := hpa.Spec.ScaleTargetRef
		if ref.APIVersion != "apps/v1" || ref.Kind != "Deployment" || ref.Name != coach.Name {
			t.Errorf("the autoscaler targets %+v, not the coach Deployment", ref)
		}
		if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
			t.Errorf("replicas %v..%d; want at least 2", hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
		}
		for _, mt := range hpa.Spec.Metrics {
			if mt.Resource != nil && mt.Resource.Name == corev1.ResourceCPU {
				// Utilization is relative to the request.
				if pod.Spec.Containers[0].Resources.Requests.Cpu().IsZero() {
					t.Error("CPU utilization target without a CPU request")
				}
			}
		}
	})

	t.Run("disruption budget", func(t *testing.T) {
		pdb := m.pdbs["coach"]
		if pdb == nil {
			t.Fatal("no PodDisruptionBudget coach")
		}
		checkSelector(t, "PodDisruptionBudget coach", pdb.Spec.Selector, pod.Labels)
		if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 || int32(pdb.Spec.MinAvailable.IntValue()) >= *coach.Spec.Replicas {
			t.Errorf("minAvailable %v: want at least 1 and fewer than the %d replicas, so drains can proceed", pdb.Spec.MinAvailable, *coach.Spec.Replicas)
		}
	})

	t.Run("redis", func(t *testing.T) {
		rd := m.deployments["coach-redis"]
		if rd == nil {
			t.Fatal("no Deployment coach-redis")
		}
		checkSelector(t, "Deployment coach-redis", rd.Spec.Selector, rd.Spec.Template.Labels)
		c := rd.Spec.Template.Spec.Containers[0]
		checkHardened(t, "redis", rd.Spec.Template.Spec, c)
		checkResources(t, c, false)
		if c.ReadinessProbe == nil || c.LivenessProbe == nil {
			t.Error("Redis has no readiness or liveness probe")
		}
		checkServiceSelects(t, m.services["coach-redis"], rd.Spec.Template)
		// Its pods are not the coach's: the coach's selectors must not pick them.
		if labels.SelectorFromSet(m.services["coach"].Spec.Selector).Matches(labels.Set(rd.Spec.Template.Labels)) {
			t.Error("the coach Service selects the Redis pods")
		}
	})
}

// settings merges the ConfigMaps and Secrets the container reads, and its
// env values, as the pod's environment.
func (m *manifests) settings(t *testing.T, d *appsv1.Deployment) map[string]string {
	t.Helper()
	env := map[string]string{}
	c := d.Spec.Template.Spec.Containers[0]
	for _, ef := range c.EnvFrom {
		if ef.ConfigMapRef != nil && m.configMaps[ef.ConfigMapRef.Name] != nil {
			for k, v := range m.configMaps[ef.ConfigMapRef.Name].Data {
				env[k] = v
			}
		}
		if ef.SecretRef != nil && m.secrets[ef.SecretRef.Name] != nil {
			for k, v := range m.secrets[ef.SecretRef.Name].StringData {
				env[k] = v
			}
		}
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	return env
}

func containerPort(t *testing.T, pod corev1.PodTemplateSpec, name string) int32 {
	t.Helper()
	for _, c := range pod.Spec.Containers {
		for _, p := range c.Ports {
			if p.Name == name {
				return p.ContainerPort
			}
		}
	}
	t.Fatalf("no container port named %q", name)
	return 0
}

func checkSelector(t *testing.T, what string, sel *metav1.LabelSelector, podLabels map[string]string) {
	t.Helper()
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || sel == nil || s.Empty() {
		t.Errorf("%s: selector %v is empty or invalid: %v", what, sel, err)
		return
	}
	if !s.Matches(labels.Set(podLabels)) {
		t.Errorf("%s: selector %v does not match the pod labels %v", what, sel, podLabels)
	}
}

func checkServiceSelects(t *testing.T, svc *corev1.Service, pod corev1.PodTemplateSpec) {
	t.Helper()
	if svc == nil {
		t.Fatal("no Service")
	}
	if len(svc.Spec.Selector) == 0 || !labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(pod.Labels)) {
		t.Errorf("Service %s selector %v does not match the pod labels %v", svc.Name, svc.Spec.Selector, pod.Labels)
	}
	for _, p := range svc.Spec.Ports {
		if p.TargetPort.StrVal != "" {
			containerPort(t, pod, p.TargetPort.StrVal)
		}
	}
}

func checkHTTPProbe(t *testing.T, what string, p *corev1.Probe, path string, c corev1.Container) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s probe is not an HTTP GET", what)
		return
	}
	if p.HTTPGet.Path != path {
		t.Errorf("%s probe path %q; want %q", what, p.HTTPGet.Path, path)
	}
	port := p.HTTPGet.Port
	ok := false
	for _, cp := range c.Ports {
		if (port.StrVal != "" && port.StrVal == cp.Name) || (port.StrVal == "" && port.IntVal == cp.ContainerPort) {
			ok = true
		}
	}
	if !ok {
		t.Errorf("%s probe port %v is not a container port", what, port.String())
	}
}

func checkHardened(t *testing.T, what string, spec corev1.PodSpec, c corev1.Container) {
	t.Helper()
	nonRoot := spec.SecurityContext != nil && spec.SecurityContext.RunAsNonRoot != nil && *spec.SecurityContext.RunAsNonRoot
	if c.SecurityContext != nil && c.SecurityContext.RunAsNonRoot != nil {
		nonRoot = *c.SecurityContext.RunAsNonRoot
	}
	if !nonRoot {
		t.Errorf("%s: runAsNonRoot is not true", what)
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Errorf("%s: the root filesystem is not read-only", what)
	}
	if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Errorf("%s: privilege escalation is not turned off", what)
	}
	if sc == nil || sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("%s: capabilities are not all dropped", what)
	}
}

func checkResources(t *testing.T, c corev1.Container, cpuRequest bool) {
	t.Helper()
	r := c.Resources
	if r.Requests.Memory().IsZero() || r.Limits.Memory().IsZero() {
		t.Errorf("%s: memory request and limit are required (requests %v, limits %v)", c.Name, r.Requests, r.Limits)
	}
	if cpuRequest && r.Requests.Cpu().IsZero() {
		t.Errorf("%s: no CPU request", c.Name)
	}
	if r.Requests.Memory().Cmp(*r.Limits.Memory()) > 0 {
		t.Errorf("%s: memory request above the limit", c.Name)
	}
}
