package timefuncs

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// testHost has the environment env and the files of files, and reads the
// rest of the disk (the zoneinfo database) only if disk is set.
type testHost struct {
	env   []string
	files map[string]string
	disk  bool
}

func (h testHost) ReadFile(path string) ([]byte, error) {
	if s, ok := h.files[path]; ok {
		return []byte(s), nil
	}
	if h.disk && path != "/etc/localtime" {
		return os.ReadFile(path)
	}
	return nil, &fs.PathError{Op: "read", Path: path, Err: fs.ErrNotExist}
}
func (testHost) Stat(string) (bool, bool, error) { return false, false, nil }
func (testHost) Hostname() (string, error)       { return "test", nil }
func (testHost) Exec([]string) ([]byte, error)   { return nil, errors.New("no exec") }
func (h testHost) Environ() []string             { return h.env }

// zone is a host whose TZ is name.
func zone(t *testing.T, name string) lib.Host {
	t.Helper()
	if _, err := os.Stat("/usr/share/zoneinfo/" + name); err != nil && name != "UTC" {
		t.Skipf("no zoneinfo for %s: %v", name, err)
	}
	return testHost{env: []string{"HOME=/root", "TZ=" + name}, disk: true}
}

func TestFormatting(t *testing.T) {
	const nov2009, jul2024 = 1257894000, 1720000000 // 2009-11-10 23:00:00Z, 2024-07-03 09:46:40Z
	tests := []struct {
		fn   string
		tz   string
		args []hostabi.Value
		want hostabi.Value
	}{
		{"datetime.print", "UTC", []hostabi.Value{hostabi.IntValue(0)}, hostabi.StrValue("1970-01-01 00:00:00 +0000 UTC")},
		{"datetime.print", "UTC", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.StrValue("2009-11-10 23:00:00 +0000 UTC")},
		{"datetime.print", "Europe/Paris", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.StrValue("2009-11-11 00:00:00 +0100 CET")},
		{"datetime.print", "America/New_York", []hostabi.Value{hostabi.IntValue(jul2024)}, hostabi.StrValue("2024-07-03 05:46:40 -0400 EDT")},
		{"datetime.hour", "UTC", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.IntValue(23)},
		{"datetime.hour", "Europe/Paris", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.IntValue(0)},
		{"datetime.hour", "Europe/Paris", []hostabi.Value{hostabi.IntValue(jul2024)}, hostabi.IntValue(11)},
		{"datetime.hour", "Asia/Kolkata", []hostabi.Value{hostabi.IntValue(jul2024)}, hostabi.IntValue(15)},
		{"datetime.weekday", "UTC", []hostabi.Value{hostabi.IntValue(0)}, hostabi.StrValue("thursday")},
		{"datetime.weekday", "UTC", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.StrValue("tuesday")},
		{"datetime.weekday", "Europe/Paris", []hostabi.Value{hostabi.IntValue(nov2009)}, hostabi.StrValue("wednesday")},
		{"datetime.format", "UTC", []hostabi.Value{hostabi.IntValue(nov2009), hostabi.StrValue("2006-01-02 15:04:05")}, hostabi.StrValue("2009-11-10 23:00:00")},
		{"datetime.format", "Asia/Kolkata", []hostabi.Value{hostabi.IntValue(nov2009), hostabi.StrValue("Mon Jan 2 15:04 MST -07:00")}, hostabi.StrValue("Wed Nov 11 04:30 IST +05:30")},
		{"datetime.format", "UTC", []hostabi.Value{hostabi.IntValue(jul2024), hostabi.StrValue("no verbs")}, hostabi.StrValue("no verbs")},
	}
	for _, tt := range tests {
		t.Run(tt.fn+"/"+tt.tz, func(t *testing.T) {
			got, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Args: tt.args, Host: zone(t, tt.tz)})
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("%s%v in %s = %v, %v; want %s", tt.fn, tt.args, tt.tz, got, err, tt.want)
			}
		})
	}
}

func TestFormattingErrors(t *testing.T) {
	for _, fn := range []string{"datetime.print", "datetime.hour", "datetime.weekday", "datetime.format"} {
		_, err := fakehost.Find(t, Funcs(), fn).Impl(&lib.Call{Args: []hostabi.Value{hostabi.IntValue(-1), hostabi.StrValue("x")}, Host: zone(t, "UTC")})
		if err == nil || !strings.Contains(err.Error(), "epoch delta must be positive") {
			t.Errorf("%s(-1) error = %v", fn, err)
		}
		_, err = fakehost.Find(t, Funcs(), fn).Impl(&lib.Call{Args: []hostabi.Value{hostabi.StrValue("0")}, Host: zone(t, "UTC")})
		if err == nil || !strings.Contains(err.Error(), "expected int, got str") {
			t.Errorf("%s(\"0\") error = %v", fn, err)
		}
	}
}

func TestLocation(t *testing.T) {
	paris, err := os.ReadFile("/usr/share/zoneinfo/Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	const nov2009 = 1257894000
	tests := []struct {
		name string
		host lib.Host
		want string // the zone abbreviation at nov2009
	}{
		{"etc localtime", testHost{files: map[string]string{"/etc/localtime": string(paris)}}, "CET"},
		{"TZ wins over localtime", testHost{env: []string{"TZ=Asia/Kolkata"}, files: map[string]string{"/etc/localtime": string(paris)}, disk: true}, "IST"},
		{"TZ with colon", testHost{env: []string{"TZ=:Asia/Kolkata"}, disk: true}, "IST"},
		{"TZ absolute path", testHost{env: []string{"TZ=/zones/paris"}, files: map[string]string{"/zones/paris": string(paris)}}, "CET"},
		{"empty TZ is UTC", testHost{env: []string{"TZ="}, files: map[string]string{"/etc/localtime": string(paris)}}, "UTC"},
		{"unknown TZ is UTC", testHost{env: []string{"TZ=Nowhere/Atlantis"}, disk: true}, "UTC"},
		{"TZ escaping the zone dir is UTC", testHost{env: []string{"TZ=../../etc/passwd"}, disk: true}, "UTC"},
		{"nothing readable is UTC", testHost{}, "UTC"},
		{"corrupt localtime is UTC", testHost{files: map[string]string{"/etc/localtime": "TZif garbage"}}, "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := time.Unix(nov2009, 0).In(Location(tt.host)).Zone(); got != tt.want {
				t.Errorf("zone = %s, want %s", got, tt.want)
			}
		})
	}
	if Location(nil) != time.Local {
		t.Errorf("Location(nil) is not time.Local")
	}
}

// at sets the clock to t for the test.
func at(t *testing.T, when time.Time) {
	t.Helper()
	old := clock
	clock = func() time.Time { return when }
	t.Cleanup(func() { clock = old })
}

func TestNow(t *testing.T) {
	tests := []struct {
		nanos  int
		wantMS uint64
	}{
		{0, 1000},
		{250_000_000, 750},
		{250_999_999, 750},
		{999_000_000, 1},
		{999_999_999, 1},
	}
	for _, tt := range tests {
		when := time.Unix(1720000000, int64(tt.nanos))
		at(t, when)
		for _, fn := range []string{"datetime.now", "datetime.str_now"} {
			c := &lib.Call{}
			got, err := fakehost.Find(t, Funcs(), fn).Impl(c)
			want := hostabi.Value(hostabi.IntValue(1720000000))
			if fn == "datetime.str_now" {
				want = hostabi.StrValue("1720000000")
			}
			if err != nil || !got.Equal(want) {
				t.Errorf("%s at %v = %v, %v; want %s", fn, when, got, err, want)
			}
			w := c.Watches()
			if len(w) != 1 || w[0].Kind != hostabi.WatchInterval || w[0].IntervalMS != tt.wantMS {
				t.Errorf("%s at +%d ns: watches %+v, want one interval of %d ms", fn, tt.nanos, w, tt.wantMS)
			}
			// The watch fires at or after the next second, by under 1 ms.
			next := when.Add(time.Duration(w[0].IntervalMS) * time.Millisecond)
			if next.Unix() != 1720000001 || next.Nanosecond() >= int(time.Millisecond) {
				t.Errorf("%s at +%d ns: the watch fires at %v", fn, tt.nanos, next)
			}
		}
	}
}

func TestNowIsTheClock(t *testing.T) {
	before := time.Now().Unix()
	got, err := now(&lib.Call{})
	after := time.Now().Unix()
	if err != nil || got.(hostabi.IntValue) < hostabi.IntValue(before) || got.(hostabi.IntValue) > hostabi.IntValue(after) {
		t.Fatalf("now() = %v, %v; want between %d and %d", got, err, before, after)
	}
}

func TestWeekdayFast(t *testing.T) {
	host := zone(t, "Europe/Paris")
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		when   time.Time
		want   string
		wantMS uint64
	}{
		// 23:00 Tuesday: an hour to Wednesday.
		{time.Date(2009, 11, 10, 23, 0, 0, 0, paris), "tuesday", 3600_001},
		// Saturday 30 March 2024, the night the clocks go forward: 23 h.
		{time.Date(2024, 3, 30, 1, 0, 0, 0, paris), "saturday", 23*3600_000 + 1},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, paris), "sunday", 23*3600_000 + 1},
	}
	for _, tt := range tests {
		at(t, tt.when.UTC())
		c := &lib.Call{Host: host}
		got, err := weekdayFast(c)
		if err != nil || got != hostabi.StrValue(tt.want) {
			t.Errorf("weekday_fast at %v = %v, %v; want %s", tt.when, got, err, tt.want)
		}
		if w := c.Watches(); len(w) != 1 || w[0].Kind != hostabi.WatchInterval || w[0].IntervalMS != tt.wantMS {
			t.Errorf("weekday_fast at %v: watches %+v, want an interval of %d ms", tt.when, w, tt.wantMS)
		}
	}
}

func TestSigs(t *testing.T) {
	impure := map[string]bool{"datetime.now": true, "datetime.str_now": true, "datetime.weekday_fast": true}
	fs := Funcs()
	if len(fs) != 7 {
		t.Errorf("%d functions, want 7", len(fs))
	}
	for _, f := range fs {
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if f.Pure == impure[f.Name] {
			t.Errorf("%s: pure %v", f.Name, f.Pure)
		}
	}
}
