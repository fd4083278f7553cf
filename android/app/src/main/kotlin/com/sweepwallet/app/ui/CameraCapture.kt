package com.sweepwallet.app.ui

import android.Manifest
import android.content.pm.PackageManager
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.camera.core.CameraSelector
import androidx.camera.core.ImageCapture
import androidx.camera.core.ImageCaptureException
import androidx.camera.core.Preview
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.compose.ui.viewinterop.AndroidView
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.LocalLifecycleOwner
import com.sweepwallet.app.R
import java.io.File

/**
 * The back camera's preview and a shutter button. The photo goes to
 * [fileName] in the app's cache directory (overwritten by the next one);
 * [onCaptured] gets its path. Asks for the camera permission first.
 */
@Composable
fun CameraCapture(fileName: String, enabled: Boolean, onCaptured: (String) -> Unit) {
    val context = LocalContext.current
    var permitted by remember {
        mutableStateOf(context.checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED)
    }
    val askForCamera = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { permitted = it }

    if (permitted) {
        CameraPreview(fileName, enabled, onCaptured)
    } else {
        Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(stringResource(R.string.camera_needed))
            Button(onClick = { askForCamera.launch(Manifest.permission.CAMERA) }) { Text(stringResource(R.string.camera_allow)) }
        }
    }
}

@Composable
private fun CameraPreview(fileName: String, enabled: Boolean, onCaptured: (String) -> Unit) {
    val context = LocalContext.current
    val lifecycleOwner = LocalLifecycleOwner.current
    val previewView = remember { PreviewView(context) }
    val imageCapture = remember {
        ImageCapture.Builder().setCaptureMode(ImageCapture.CAPTURE_MODE_MAXIMIZE_QUALITY).build()
    }
    // What went wrong, as flags: the words are read from resources when shown.
    var cameraFailed by remember { mutableStateOf(false) }
    var shotFailed by remember { mutableStateOf(false) }
    var taking by remember { mutableStateOf(false) }

    // Binds the preview and the capture to this screen's lifecycle; unbinds when it goes.
    DisposableEffect(lifecycleOwner) {
        val preview = Preview.Builder().build().also { it.setSurfaceProvider(previewView.surfaceProvider) }
        val future = ProcessCameraProvider.getInstance(context)
        var provider: ProcessCameraProvider? = null
        var disposed = false
        future.addListener({
            if (disposed) return@addListener
            try {
                provider = future.get().also {
                    it.bindToLifecycle(lifecycleOwner, CameraSelector.DEFAULT_BACK_CAMERA, preview, imageCapture)
                }
            } catch (e: Exception) {
                // No back camera, or the camera is in use by another app.
                cameraFailed = true
            }
        }, ContextCompat.getMainExecutor(context))
        onDispose {
            disposed = true
            provider?.unbind(preview, imageCapture)
        }
    }

    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        // The preview holds no text, so its fixed height does not cut anything at large font sizes.
        val previewLabel = stringResource(R.string.camera_preview)
        AndroidView(
            factory = { previewView },
            modifier = Modifier.fillMaxWidth().height(280.dp).semantics { contentDescription = previewLabel },
        )
        if (cameraFailed) ErrorText(stringResource(R.string.camera_not_started))
        if (shotFailed) ErrorText(stringResource(R.string.camera_shot_failed))
        Button(
            enabled = enabled && !taking && !cameraFailed,
            onClick = {
                taking = true
                shotFailed = false
                val file = File(context.cacheDir, fileName)
                val options = ImageCapture.OutputFileOptions.Builder(file).build()
                imageCapture.takePicture(
                    options,
                    ContextCompat.getMainExecutor(context),
                    object : ImageCapture.OnImageSavedCallback {
                        override fun onImageSaved(outputFileResults: ImageCapture.OutputFileResults) {
                            taking = false
                            onCaptured(file.path)
                        }

                        override fun onError(exception: ImageCaptureException) {
                            taking = false
                            shotFailed = true
                        }
                    },
                )
            },
        ) { Text(stringResource(R.string.camera_take_photo)) }
    }
}
