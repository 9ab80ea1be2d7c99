package mdtext

import "testing"

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"fintech, weak at stakeholder work", "fintech, weak at stakeholder work"},
		{"**VP** [click](http://evil.example) <script>", `\*\*VP\*\* \[click\](http://evil.example) \<script\>`},
		{"a_b `c` | d ~~e~~ &amp; \\", "a\\_b \\`c\\` \\| d \\~\\~e\\~\\~ \\&amp; \\\\"},
	} {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
