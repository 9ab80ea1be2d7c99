package openaiapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestErrorBody(t *testing.T) {
	b, _ := json.Marshal(Invalidf("messages[0].role", CodeInvalidValue, "bad role").Body())
	if string(b) != `{"error":{"message":"bad role","type":"invalid_request_error","param":"messages[0].role","code":"invalid_value"}}` {
		t.Errorf("body = %s", b)
	}
	b, _ = json.Marshal(ErrorFor(http.StatusInternalServerError, "internal error").Body())
	if string(b) != `{"error":{"message":"internal error","type":"server_error","param":null,"code":null}}` {
		t.Errorf("body = %s", b)
	}
	// Ready for the API keys and rate limits to come: their statuses get OpenAI's codes.
	if ErrorFor(http.StatusUnauthorized, "no key").Code != "invalid_api_key" ||
		ErrorFor(http.StatusTooManyRequests, "slow down").Code != "rate_limit_exceeded" {
		t.Error("401 or 429 lacks OpenAI's code")
	}
}
