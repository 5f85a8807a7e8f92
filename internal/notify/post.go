package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// PostJSON is a messaging provider's call (brandname SMS, Zalo ZNS): v sent
// as JSON to url with the provider's headers, the answer's status and
// first 64 KiB returned for the adapter to read by the provider's codes.
// What cannot even be sent (v not encodable, a bad url) is Permanent; a
// network failure is not (the worker retries it). hc nil: a client with a
// 20 s time-out.
func PostJSON(ctx context.Context, hc *http.Client, url string, v any, header func(http.Header)) (status int, answer []byte, err error) {
	body, err := json.Marshal(v)
	if err != nil {
		return 0, nil, Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if header != nil {
		header(req.Header)
	}
	if hc == nil {
		hc = &http.Client{Timeout: 20 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err = io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, answer, err
}
